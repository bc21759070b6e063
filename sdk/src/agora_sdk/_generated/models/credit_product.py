from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.loan_purpose import LoanPurpose

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="CreditProduct")


@_attrs_define
class CreditProduct:
    """
    Attributes:
        id (UUID):
        code (str):
        version (int):
        purpose (LoanPurpose):
        min_amount (Money): An amount in minor units; negative when money left the account.
        max_amount (Money): An amount in minor units; negative when money left the account.
        min_term_months (int):
        max_term_months (int):
        rate_min (str): A nominal annual rate in percent with at most two decimals, 0 to 100 ("11.91").
        rate_max (str): A nominal annual rate in percent with at most two decimals, 0 to 100 ("11.91").
        active (bool):
    """

    id: UUID
    code: str
    version: int
    purpose: LoanPurpose
    min_amount: Money
    max_amount: Money
    min_term_months: int
    max_term_months: int
    rate_min: str
    rate_max: str
    active: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        id = str(self.id)

        code = self.code

        version = self.version

        purpose = self.purpose.value

        min_amount = self.min_amount.to_dict()

        max_amount = self.max_amount.to_dict()

        min_term_months = self.min_term_months

        max_term_months = self.max_term_months

        rate_min = self.rate_min

        rate_max = self.rate_max

        active = self.active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "code": code,
                "version": version,
                "purpose": purpose,
                "min_amount": min_amount,
                "max_amount": max_amount,
                "min_term_months": min_term_months,
                "max_term_months": max_term_months,
                "rate_min": rate_min,
                "rate_max": rate_max,
                "active": active,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.money import Money

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        code = d.pop("code")

        version = d.pop("version")

        purpose = LoanPurpose(d.pop("purpose"))

        min_amount = Money.from_dict(d.pop("min_amount"))

        max_amount = Money.from_dict(d.pop("max_amount"))

        min_term_months = d.pop("min_term_months")

        max_term_months = d.pop("max_term_months")

        rate_min = d.pop("rate_min")

        rate_max = d.pop("rate_max")

        active = d.pop("active")

        credit_product = cls(
            id=id,
            code=code,
            version=version,
            purpose=purpose,
            min_amount=min_amount,
            max_amount=max_amount,
            min_term_months=min_term_months,
            max_term_months=max_term_months,
            rate_min=rate_min,
            rate_max=rate_max,
            active=active,
        )

        credit_product.additional_properties = d
        return credit_product

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
