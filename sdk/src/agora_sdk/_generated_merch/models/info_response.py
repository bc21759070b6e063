from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.coin_history import CoinHistory
    from ..models.inventory_item import InventoryItem


T = TypeVar("T", bound="InfoResponse")


@_attrs_define
class InfoResponse:
    """
    Attributes:
        coins (int | None): Coins available.
        inventory (list[InventoryItem] | None):
        coin_history (CoinHistory | None):
    """

    coins: int | None = None
    inventory: list[InventoryItem] | None = None
    coin_history: CoinHistory | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        coins = self.coins

        inventory: list[dict[str, Any]] | None = None
        if self.inventory is not None:
            inventory = []
            for inventory_item_data in self.inventory:
                inventory_item = inventory_item_data.to_dict()
                inventory.append(inventory_item)

        coin_history: dict[str, Any] | None = None
        if self.coin_history is not None:
            coin_history = self.coin_history.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if coins is not None:
            field_dict["coins"] = coins
        if inventory is not None:
            field_dict["inventory"] = inventory
        if coin_history is not None:
            field_dict["coinHistory"] = coin_history

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.coin_history import CoinHistory
        from ..models.inventory_item import InventoryItem

        d = dict(src_dict)
        coins = d.pop("coins", None)

        _inventory = d.pop("inventory", None)
        inventory: list[InventoryItem] | None = None
        if _inventory is not None:
            inventory = []
            for inventory_item_data in _inventory:
                inventory_item = InventoryItem.from_dict(inventory_item_data)

                inventory.append(inventory_item)

        _coin_history = d.pop("coinHistory", None)
        coin_history: CoinHistory | None = None
        if _coin_history is not None:
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
