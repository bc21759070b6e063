from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.received_coins import ReceivedCoins
    from ..models.sent_coins import SentCoins


T = TypeVar("T", bound="CoinHistory")


@_attrs_define
class CoinHistory:
    """
    Attributes:
        received (list[ReceivedCoins] | None):
        sent (list[SentCoins] | None):
    """

    received: list[ReceivedCoins] | None = None
    sent: list[SentCoins] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        received: list[dict[str, Any]] | None = None
        if self.received is not None:
            received = []
            for received_item_data in self.received:
                received_item = received_item_data.to_dict()
                received.append(received_item)

        sent: list[dict[str, Any]] | None = None
        if self.sent is not None:
            sent = []
            for sent_item_data in self.sent:
                sent_item = sent_item_data.to_dict()
                sent.append(sent_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if received is not None:
            field_dict["received"] = received
        if sent is not None:
            field_dict["sent"] = sent

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.received_coins import ReceivedCoins
        from ..models.sent_coins import SentCoins

        d = dict(src_dict)
        _received = d.pop("received", None)
        received: list[ReceivedCoins] | None = None
        if _received is not None:
            received = []
            for received_item_data in _received:
                received_item = ReceivedCoins.from_dict(received_item_data)

                received.append(received_item)

        _sent = d.pop("sent", None)
        sent: list[SentCoins] | None = None
        if _sent is not None:
            sent = []
            for sent_item_data in _sent:
                sent_item = SentCoins.from_dict(sent_item_data)

                sent.append(sent_item)

        coin_history = cls(
            received=received,
            sent=sent,
        )

        coin_history.additional_properties = d
        return coin_history

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
