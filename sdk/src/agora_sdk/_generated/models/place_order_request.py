from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.order_item import OrderItem


T = TypeVar("T", bound="PlaceOrderRequest")


@_attrs_define
class PlaceOrderRequest:
    """
    Attributes:
        items (list[OrderItem] | None): The products and quantities; leave it out (or empty) to order the cart.
    """

    items: list[OrderItem] | None = None
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        items: list[dict[str, Any]] | None = None
        if self.items is not None:
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if items is not None:
            field_dict["items"] = items

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order_item import OrderItem

        d = dict(src_dict)
        _items = d.pop("items", None)
        items: list[OrderItem] | None = None
        if _items is not None:
            items = []
            for items_item_data in _items:
                items_item = OrderItem.from_dict(items_item_data)

                items.append(items_item)

        place_order_request = cls(
            items=items,
        )

        return place_order_request
