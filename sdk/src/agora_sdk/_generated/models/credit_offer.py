from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.offer_status import OfferStatus

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="CreditOffer")


@_attrs_define
class CreditOffer:
    """
    Attributes:
        id (UUID):
        application_id (UUID):
        product_id (UUID):
        amount (Money): An amount in minor units; negative when money left the account.
        term_months (int):
        rate (str): A nominal annual rate in percent with at most two decimals, 0 to 100 ("11.91").
        effective_rate (str): (1 + rate/12)^12 - 1, compounded monthly, in percent with two decimals (161.30 at a rate
            of 100).
        monthly_payment (Money): An amount in minor units; negative when money left the account.
        status (OfferStatus):
        expires_at (datetime.datetime):
        created_at (datetime.datetime):
        rules_version (str):
        decided_at (datetime.datetime | None):
    """

    id: UUID
    application_id: UUID
    product_id: UUID
    amount: Money
    term_months: int
    rate: str
    effective_rate: str
    monthly_payment: Money
    status: OfferStatus
    expires_at: datetime.datetime
    created_at: datetime.datetime
    rules_version: str
    decided_at: datetime.datetime | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        id = str(self.id)

        application_id = str(self.application_id)

        product_id = str(self.product_id)

        amount = self.amount.to_dict()

        term_months = self.term_months

        rate = self.rate

        effective_rate = self.effective_rate

        monthly_payment = self.monthly_payment.to_dict()

        status = self.status.value

        expires_at = self.expires_at.isoformat()

        created_at = self.created_at.isoformat()

        rules_version = self.rules_version

        decided_at: str | None = None
        if self.decided_at is not None:
            decided_at = self.decided_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "application_id": application_id,
                "product_id": product_id,
                "amount": amount,
                "term_months": term_months,
                "rate": rate,
                "effective_rate": effective_rate,
                "monthly_payment": monthly_payment,
                "status": status,
                "expires_at": expires_at,
                "created_at": created_at,
                "rules_version": rules_version,
            }
        )
        if decided_at is not None:
            field_dict["decided_at"] = decided_at

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.money import Money

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        application_id = UUID(d.pop("application_id"))

        product_id = UUID(d.pop("product_id"))

        amount = Money.from_dict(d.pop("amount"))

        term_months = d.pop("term_months")

        rate = d.pop("rate")

        effective_rate = d.pop("effective_rate")

        monthly_payment = Money.from_dict(d.pop("monthly_payment"))

        status = OfferStatus(d.pop("status"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        rules_version = d.pop("rules_version")

        _decided_at = d.pop("decided_at", None)
        decided_at: datetime.datetime | None = None
        if _decided_at is not None:
            decided_at = datetime.datetime.fromisoformat(_decided_at)

        credit_offer = cls(
            id=id,
            application_id=application_id,
            product_id=product_id,
            amount=amount,
            term_months=term_months,
            rate=rate,
            effective_rate=effective_rate,
            monthly_payment=monthly_payment,
            status=status,
            expires_at=expires_at,
            created_at=created_at,
            rules_version=rules_version,
            decided_at=decided_at,
        )

        credit_offer.additional_properties = d
        return credit_offer

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
