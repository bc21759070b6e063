from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.price import Price
    from ..models.total import Total


T = TypeVar("T", bound="CartLine")


@_attrs_define
class CartLine:
    """
    Attributes:
        product_id (UUID):
        quantity (int):
        available (bool): False when the product is not on sale (inactive or gone); such lines are not in the totals.
        name (str | None): Absent when the product no longer exists.
        unit_price (Price | None): An amount in the currency's minor units (cents for USD, whole coins for COIN).
        line_total (Total | None): A sum of prices, in the currency's minor units.
    """

    product_id: UUID
    quantity: int
    available: bool
    name: str | None = None
    unit_price: Price | None = None
    line_total: Total | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        product_id = str(self.product_id)

        quantity = self.quantity

        available = self.available

        name = self.name

        unit_price: dict[str, Any] | None = None
        if self.unit_price is not None:
            unit_price = self.unit_price.to_dict()

        line_total: dict[str, Any] | None = None
        if self.line_total is not None:
            line_total = self.line_total.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "product_id": product_id,
                "quantity": quantity,
                "available": available,
            }
        )
        if name is not None:
            field_dict["name"] = name
        if unit_price is not None:
            field_dict["unit_price"] = unit_price
        if line_total is not None:
            field_dict["line_total"] = line_total

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.price import Price
        from ..models.total import Total

        d = dict(src_dict)
        product_id = UUID(d.pop("product_id"))

        quantity = d.pop("quantity")

        available = d.pop("available")

        name = d.pop("name", None)

        _unit_price = d.pop("unit_price", None)
        unit_price: Price | None = None
        if _unit_price is not None:
            unit_price = Price.from_dict(_unit_price)

        _line_total = d.pop("line_total", None)
        line_total: Total | None = None
        if _line_total is not None:
            line_total = Total.from_dict(_line_total)

        cart_line = cls(
            product_id=product_id,
            quantity=quantity,
            available=available,
            name=name,
            unit_price=unit_price,
            line_total=line_total,
        )

        cart_line.additional_properties = d
        return cart_line

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
