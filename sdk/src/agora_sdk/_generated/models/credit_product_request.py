from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.loan_purpose import LoanPurpose
from ..models.wallet_currency import WalletCurrency

T = TypeVar("T", bound="CreditProductRequest")


@_attrs_define
class CreditProductRequest:
    """422 `validation_failed` unless min_amount <= max_amount, min_term_months <= max_term_months and
    rate_min <= rate_max.

        Attributes:
            code (str):
            purpose (LoanPurpose):
            currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none, the others two digits.
            min_amount (int): An amount in the minor units of the currency given beside it, 1 or more.
            max_amount (int): An amount in the minor units of the currency given beside it, 1 or more.
            min_term_months (int):
            max_term_months (int):
            rate_min (str): A nominal annual rate in percent with at most two decimals, 0 to 100 ("11.91").
            rate_max (str): A nominal annual rate in percent with at most two decimals, 0 to 100 ("11.91").
            version (int | None):  Default: 1.
            active (bool | None):  Default: True.
    """

    code: str
    purpose: LoanPurpose
    currency: WalletCurrency
    min_amount: int
    max_amount: int
    min_term_months: int
    max_term_months: int
    rate_min: str
    rate_max: str
    version: int | None = 1
    active: bool | None = True
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        code = self.code

        purpose = self.purpose.value

        currency = self.currency.value

        min_amount = self.min_amount

        max_amount = self.max_amount

        min_term_months = self.min_term_months

        max_term_months = self.max_term_months

        rate_min = self.rate_min

        rate_max = self.rate_max

        version = self.version

        active = self.active

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "purpose": purpose,
                "currency": currency,
                "min_amount": min_amount,
                "max_amount": max_amount,
                "min_term_months": min_term_months,
                "max_term_months": max_term_months,
                "rate_min": rate_min,
                "rate_max": rate_max,
            }
        )
        if version is not None:
            field_dict["version"] = version
        if active is not None:
            field_dict["active"] = active

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        purpose = LoanPurpose(d.pop("purpose"))

        currency = WalletCurrency(d.pop("currency"))

        min_amount = d.pop("min_amount")

        max_amount = d.pop("max_amount")

        min_term_months = d.pop("min_term_months")

        max_term_months = d.pop("max_term_months")

        rate_min = d.pop("rate_min")

        rate_max = d.pop("rate_max")

        version = d.pop("version", None)

        active = d.pop("active", None)

        credit_product_request = cls(
            code=code,
            purpose=purpose,
            currency=currency,
            min_amount=min_amount,
            max_amount=max_amount,
            min_term_months=min_term_months,
            max_term_months=max_term_months,
            rate_min=rate_min,
            rate_max=rate_max,
            version=version,
            active=active,
        )

        return credit_product_request
