from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.loan_status import LoanStatus

if TYPE_CHECKING:
    from ..models.loan_payment import LoanPayment
    from ..models.money import Money


T = TypeVar("T", bound="Loan")


@_attrs_define
class Loan:
    """
    Attributes:
        id (UUID):
        offer_id (UUID):
        application_id (UUID):
        principal (Money): An amount in minor units; negative when money left the account.
        rate (str): A nominal annual rate in percent with at most two decimals, 0 to 100 ("11.91").
        term_months (int):
        monthly_payment (Money): An amount in minor units; negative when money left the account.
        status (LoanStatus): DISBURSING until the principal is in the wallet, ACTIVE while it is repaid, then CLOSED.
        outstanding (Money): An amount in minor units; negative when money left the account.
        created_at (datetime.datetime):
        disbursed_at (datetime.datetime | None):
        payments (list[LoanPayment] | None): The repayment schedule in due order (getLoan only).
    """

    id: UUID
    offer_id: UUID
    application_id: UUID
    principal: Money
    rate: str
    term_months: int
    monthly_payment: Money
    status: LoanStatus
    outstanding: Money
    created_at: datetime.datetime
    disbursed_at: datetime.datetime | None = None
    payments: list[LoanPayment] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        id = str(self.id)

        offer_id = str(self.offer_id)

        application_id = str(self.application_id)

        principal = self.principal.to_dict()

        rate = self.rate

        term_months = self.term_months

        monthly_payment = self.monthly_payment.to_dict()

        status = self.status.value

        outstanding = self.outstanding.to_dict()

        created_at = self.created_at.isoformat()

        disbursed_at: str | None = None
        if self.disbursed_at is not None:
            disbursed_at = self.disbursed_at.isoformat()

        payments: list[dict[str, Any]] | None = None
        if self.payments is not None:
            payments = []
            for payments_item_data in self.payments:
                payments_item = payments_item_data.to_dict()
                payments.append(payments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "offer_id": offer_id,
                "application_id": application_id,
                "principal": principal,
                "rate": rate,
                "term_months": term_months,
                "monthly_payment": monthly_payment,
                "status": status,
                "outstanding": outstanding,
                "created_at": created_at,
            }
        )
        if disbursed_at is not None:
            field_dict["disbursed_at"] = disbursed_at
        if payments is not None:
            field_dict["payments"] = payments

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.loan_payment import LoanPayment
        from ..models.money import Money

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        offer_id = UUID(d.pop("offer_id"))

        application_id = UUID(d.pop("application_id"))

        principal = Money.from_dict(d.pop("principal"))

        rate = d.pop("rate")

        term_months = d.pop("term_months")

        monthly_payment = Money.from_dict(d.pop("monthly_payment"))

        status = LoanStatus(d.pop("status"))

        outstanding = Money.from_dict(d.pop("outstanding"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _disbursed_at = d.pop("disbursed_at", None)
        disbursed_at: datetime.datetime | None = None
        if _disbursed_at is not None:
            disbursed_at = datetime.datetime.fromisoformat(_disbursed_at)

        _payments = d.pop("payments", None)
        payments: list[LoanPayment] | None = None
        if _payments is not None:
            payments = []
            for payments_item_data in _payments:
                payments_item = LoanPayment.from_dict(payments_item_data)

                payments.append(payments_item)

        loan = cls(
            id=id,
            offer_id=offer_id,
            application_id=application_id,
            principal=principal,
            rate=rate,
            term_months=term_months,
            monthly_payment=monthly_payment,
            status=status,
            outstanding=outstanding,
            created_at=created_at,
            disbursed_at=disbursed_at,
            payments=payments,
        )

        loan.additional_properties = d
        return loan

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
