from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.wallet_currency import WalletCurrency

T = TypeVar("T", bound="Rate")


@_attrs_define
class Rate:
    """
    Attributes:
        base (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none, the others two digits.
        quote (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none, the others two digits.
        rate (str): A positive decimal number, e.g. "0.9237" (at most 10 digits before the point, 12 after; below 1, up
            to 12 more after the leading zeros).
        expires_at (datetime.datetime):
    """

    base: WalletCurrency
    quote: WalletCurrency
    rate: str
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        base = self.base.value

        quote = self.quote.value

        rate = self.rate

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base": base,
                "quote": quote,
                "rate": rate,
                "expires_at": expires_at,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        base = WalletCurrency(d.pop("base"))

        quote = WalletCurrency(d.pop("quote"))

        rate = d.pop("rate")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        rate = cls(
            base=base,
            quote=quote,
            rate=rate,
            expires_at=expires_at,
        )

        rate.additional_properties = d
        return rate

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
