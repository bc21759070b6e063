from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.loan_purpose import LoanPurpose

if TYPE_CHECKING:
    from ..models.amount import Amount


T = TypeVar("T", bound="CreditApplicationRequest")


@_attrs_define
class CreditApplicationRequest:
    """
    Attributes:
        amount (Amount): A positive amount in the currency's minor units (cents for USD, whole coins for COIN).
        term_months (int):
        purpose (LoanPurpose):
    """

    amount: Amount
    term_months: int
    purpose: LoanPurpose
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        amount = self.amount.to_dict()

        term_months = self.term_months

        purpose = self.purpose.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "term_months": term_months,
                "purpose": purpose,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.amount import Amount

        d = dict(src_dict)
        amount = Amount.from_dict(d.pop("amount"))

        term_months = d.pop("term_months")

        purpose = LoanPurpose(d.pop("purpose"))

        credit_application_request = cls(
            amount=amount,
            term_months=term_months,
            purpose=purpose,
        )

        return credit_application_request
