from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.wallet_currency import WalletCurrency

T = TypeVar("T", bound="CreditAmount")


@_attrs_define
class CreditAmount:
    """An amount in the currency's minor units, 0 or more.

    Attributes:
        amount (int):
        currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none, the others two digits.
    """

    amount: int
    currency: WalletCurrency

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        currency = self.currency.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount = d.pop("amount")

        currency = WalletCurrency(d.pop("currency"))

        credit_amount = cls(
            amount=amount,
            currency=currency,
        )

        return credit_amount
