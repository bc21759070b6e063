from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.wallet_currency import WalletCurrency

T = TypeVar("T", bound="CreditReport")


@_attrs_define
class CreditReport:
    """
    Attributes:
        id (UUID):
        from_ (datetime.date):
        to (datetime.date):
        currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none, the others two digits.
        daily (bool): True for the report made of each day.
        created_at (datetime.datetime):
    """

    id: UUID
    from_: datetime.date
    to: datetime.date
    currency: WalletCurrency
    daily: bool
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        id = str(self.id)

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        currency = self.currency.value

        daily = self.daily

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "from": from_,
                "to": to,
                "currency": currency,
                "daily": daily,
                "created_at": created_at,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        currency = WalletCurrency(d.pop("currency"))

        daily = d.pop("daily")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        credit_report = cls(
            id=id,
            from_=from_,
            to=to,
            currency=currency,
            daily=daily,
            created_at=created_at,
        )

        credit_report.additional_properties = d
        return credit_report

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
