from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.product_status import ProductStatus
from ..types import UNSET, Unset

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
        description (str | Unset):
        stock (int | Unset):
        status (ProductStatus | Unset): Only active products are listed; inactive ones can still be fetched by id.
    """

    name: str
    category: str
    price: Price
    description: str | Unset = UNSET
    stock: int | Unset = UNSET
    status: ProductStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        category = self.category

        price = self.price.to_dict()

        description = self.description

        stock = self.stock

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "category": category,
                "price": price,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if stock is not UNSET:
            field_dict["stock"] = stock
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.price import Price

        d = dict(src_dict)
        name = d.pop("name")

        category = d.pop("category")

        price = Price.from_dict(d.pop("price"))

        description = d.pop("description", UNSET)

        stock = d.pop("stock", UNSET)

        _status = d.pop("status", UNSET)
        status: ProductStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
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
