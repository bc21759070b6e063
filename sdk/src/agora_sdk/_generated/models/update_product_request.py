from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.product_status import ProductStatus

if TYPE_CHECKING:
    from ..models.price import Price


T = TypeVar("T", bound="UpdateProductRequest")


@_attrs_define
class UpdateProductRequest:
    """
    Attributes:
        name (str | None):
        description (str | None):
        category (str | None):
        price (Price | None): An amount in the currency's minor units (cents for USD, whole coins for COIN).
        stock (int | None):
        status (ProductStatus | None): Only active products are listed; inactive ones can still be fetched by id.
    """

    name: str | None = None
    description: str | None = None
    category: str | None = None
    price: Price | None = None
    stock: int | None = None
    status: ProductStatus | None = None
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        name = self.name

        description = self.description

        category = self.category

        price: dict[str, Any] | None = None
        if self.price is not None:
            price = self.price.to_dict()

        stock = self.stock

        status: str | None = None
        if self.status is not None:
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not None:
            field_dict["name"] = name
        if description is not None:
            field_dict["description"] = description
        if category is not None:
            field_dict["category"] = category
        if price is not None:
            field_dict["price"] = price
        if stock is not None:
            field_dict["stock"] = stock
        if status is not None:
            field_dict["status"] = status

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.price import Price

        d = dict(src_dict)
        name = d.pop("name", None)

        description = d.pop("description", None)

        category = d.pop("category", None)

        _price = d.pop("price", None)
        price: Price | None = None
        if _price is not None:
            price = Price.from_dict(_price)

        stock = d.pop("stock", None)

        _status = d.pop("status", None)
        status: ProductStatus | None = None
        if _status is not None:
            status = ProductStatus(_status)

        update_product_request = cls(
            name=name,
            description=description,
            category=category,
            price=price,
            stock=stock,
            status=status,
        )

        return update_product_request
