from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.employment_status import EmploymentStatus
from ..models.wallet_currency import WalletCurrency

T = TypeVar("T", bound="CreditProfileRequest")


@_attrs_define
class CreditProfileRequest:
    """422 `validation_failed` when the birth date makes the client younger than 18 or older than 100.

    Attributes:
        currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none, the others two digits.
        annual_income (int): An amount in the minor units of the currency given beside it, 0 or more.
        monthly_debt (int): An amount in the minor units of the currency given beside it, 0 or more.
        employment_status (EmploymentStatus):
        birth_date (datetime.date): The client is 18 to 100 years old.
    """

    currency: WalletCurrency
    annual_income: int
    monthly_debt: int
    employment_status: EmploymentStatus
    birth_date: datetime.date
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        currency = self.currency.value

        annual_income = self.annual_income

        monthly_debt = self.monthly_debt

        employment_status = self.employment_status.value

        birth_date = self.birth_date.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "currency": currency,
                "annual_income": annual_income,
                "monthly_debt": monthly_debt,
                "employment_status": employment_status,
                "birth_date": birth_date,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = WalletCurrency(d.pop("currency"))

        annual_income = d.pop("annual_income")

        monthly_debt = d.pop("monthly_debt")

        employment_status = EmploymentStatus(d.pop("employment_status"))

        birth_date = datetime.date.fromisoformat(d.pop("birth_date"))

        credit_profile_request = cls(
            currency=currency,
            annual_income=annual_income,
            monthly_debt=monthly_debt,
            employment_status=employment_status,
            birth_date=birth_date,
        )

        return credit_profile_request
