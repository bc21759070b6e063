from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.product_status import ProductStatus

if TYPE_CHECKING:
    from ..models.price import Price


T = TypeVar("T", bound="CreateProductRequest")


@_attrs_define
class CreateProductRequest:
    """
    Attributes:
        name (str):
        category (str):
        price (Price): An amount in the currency's minor units (cents for USD, whole coins for COIN).
        description (str | None):
        stock (int | None):
        status (ProductStatus | None): Only active products are listed; inactive ones can still be fetched by id.
    """

    name: str
    category: str
    price: Price
    description: str | None = None
    stock: int | None = None
    status: ProductStatus | None = None
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        name = self.name

        category = self.category

        price = self.price.to_dict()

        description = self.description

        stock = self.stock

        status: str | None = None
        if self.status is not None:
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "category": category,
                "price": price,
            }
        )
        if description is not None:
            field_dict["description"] = description
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
        name = d.pop("name")

        category = d.pop("category")

        price = Price.from_dict(d.pop("price"))

        description = d.pop("description", None)

        stock = d.pop("stock", None)

        _status = d.pop("status", None)
        status: ProductStatus | None = None
        if _status is not None:
            status = ProductStatus(_status)

        create_product_request = cls(
            name=name,
            category=category,
            price=price,
            description=description,
            stock=stock,
            status=status,
        )

        return create_product_request
