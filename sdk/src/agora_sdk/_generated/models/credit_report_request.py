from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.wallet_currency import WalletCurrency

T = TypeVar("T", bound="CreditReportRequest")


@_attrs_define
class CreditReportRequest:
    """422 `validation_failed` unless `from` <= `to`, 366 days at most.

    Attributes:
        from_ (datetime.date):
        to (datetime.date):
        currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none, the others two digits.
    """

    from_: datetime.date
    to: datetime.date
    currency: WalletCurrency
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        currency = self.currency.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "to": to,
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
        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        currency = WalletCurrency(d.pop("currency"))

        credit_report_request = cls(
            from_=from_,
            to=to,
            currency=currency,
        )

        return credit_report_request
