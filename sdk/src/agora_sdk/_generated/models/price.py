from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Price")


@_attrs_define
class Price:
    """An amount in the currency's minor units (cents for USD, whole coins for COIN).

    Attributes:
        amount (int):
        currency (str): An ISO 4217 code, or COIN (which has no minor unit).
    """

    amount: int
    currency: str
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        amount = self.amount

        currency = self.currency

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "currency": currency,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount = d.pop("amount")

        currency = d.pop("currency")

        price = cls(
            amount=amount,
            currency=currency,
        )

        return price
