from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.received_coins import ReceivedCoins
    from ..models.sent_coins import SentCoins


T = TypeVar("T", bound="CoinHistory")


@_attrs_define
class CoinHistory:
    """
    Attributes:
        received (list[ReceivedCoins] | Unset):
        sent (list[SentCoins] | Unset):
    """

    received: list[ReceivedCoins] | Unset = UNSET
    sent: list[SentCoins] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        received: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.received, Unset):
            received = []
            for received_item_data in self.received:
                received_item = received_item_data.to_dict()
                received.append(received_item)

        sent: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sent, Unset):
            sent = []
            for sent_item_data in self.sent:
                sent_item = sent_item_data.to_dict()
                sent.append(sent_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if received is not UNSET:
            field_dict["received"] = received
        if sent is not UNSET:
            field_dict["sent"] = sent

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.received_coins import ReceivedCoins
        from ..models.sent_coins import SentCoins

        d = dict(src_dict)
        _received = d.pop("received", UNSET)
        received: list[ReceivedCoins] | Unset = UNSET
        if _received is not UNSET:
            received = []
            for received_item_data in _received:
                received_item = ReceivedCoins.from_dict(received_item_data)

                received.append(received_item)

        _sent = d.pop("sent", UNSET)
        sent: list[SentCoins] | Unset = UNSET
        if _sent is not UNSET:
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
