from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.product_status import ProductStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.price import Price


T = TypeVar("T", bound="UpdateProductRequest")


@_attrs_define
class UpdateProductRequest:
    """
    Attributes:
        name (str | Unset):
        description (str | Unset):
        category (str | Unset):
        price (Price | Unset): An amount in the currency's minor units (cents for USD, whole coins for COIN).
        stock (int | Unset):
        status (ProductStatus | Unset): Only active products are listed; inactive ones can still be fetched by id.
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    category: str | Unset = UNSET
    price: Price | Unset = UNSET
    stock: int | Unset = UNSET
    status: ProductStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        category = self.category

        price: dict[str, Any] | Unset = UNSET
        if not isinstance(self.price, Unset):
            price = self.price.to_dict()

        stock = self.stock

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if category is not UNSET:
            field_dict["category"] = category
        if price is not UNSET:
            field_dict["price"] = price
        if stock is not UNSET:
            field_dict["stock"] = stock
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.price import Price

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        category = d.pop("category", UNSET)

        _price = d.pop("price", UNSET)
        price: Price | Unset
        if isinstance(_price, Unset):
            price = UNSET
        else:
            price = Price.from_dict(_price)

        stock = d.pop("stock", UNSET)

        _status = d.pop("status", UNSET)
        status: ProductStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
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
