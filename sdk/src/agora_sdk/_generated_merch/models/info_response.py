from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coin_history import CoinHistory
    from ..models.inventory_item import InventoryItem


T = TypeVar("T", bound="InfoResponse")


@_attrs_define
class InfoResponse:
    """
    Attributes:
        coins (int | Unset): Coins available.
        inventory (list[InventoryItem] | Unset):
        coin_history (CoinHistory | Unset):
    """

    coins: int | Unset = UNSET
    inventory: list[InventoryItem] | Unset = UNSET
    coin_history: CoinHistory | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        coins = self.coins

        inventory: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.inventory, Unset):
            inventory = []
            for inventory_item_data in self.inventory:
                inventory_item = inventory_item_data.to_dict()
                inventory.append(inventory_item)

        coin_history: dict[str, Any] | Unset = UNSET
        if not isinstance(self.coin_history, Unset):
            coin_history = self.coin_history.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if coins is not UNSET:
            field_dict["coins"] = coins
        if inventory is not UNSET:
            field_dict["inventory"] = inventory
        if coin_history is not UNSET:
            field_dict["coinHistory"] = coin_history

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.coin_history import CoinHistory
        from ..models.inventory_item import InventoryItem

        d = dict(src_dict)
        coins = d.pop("coins", UNSET)

        _inventory = d.pop("inventory", UNSET)
        inventory: list[InventoryItem] | Unset = UNSET
        if _inventory is not UNSET:
            inventory = []
            for inventory_item_data in _inventory:
                inventory_item = InventoryItem.from_dict(inventory_item_data)

                inventory.append(inventory_item)

        _coin_history = d.pop("coinHistory", UNSET)
        coin_history: CoinHistory | Unset
        if isinstance(_coin_history, Unset):
            coin_history = UNSET
        else:
            coin_history = CoinHistory.from_dict(_coin_history)

        info_response = cls(
            coins=coins,
            inventory=inventory,
            coin_history=coin_history,
        )

        info_response.additional_properties = d
        return info_response

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
