"""A catalog that answers from memory, for tests of customers' use cases (catalog is not what they test)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import replace

from services.platform.catalog_client import ProductInfo
from services.platform.money import Money


class FakeCatalog:
    """The products catalog has, by id; an id not here is one catalog does not know."""

    def __init__(self) -> None:
        self.known: dict[uuid.UUID, ProductInfo] = {}

    def add(self, name: str, amount: int, currency: str = "COIN", *, active: bool = True) -> uuid.UUID:
        product_id = uuid.uuid4()
        self.known[product_id] = ProductInfo(product_id, name, Money(amount, currency), active)
        return product_id

    def reprice(self, product_id: uuid.UUID, amount: int) -> None:
        product = self.known[product_id]
        self.known[product_id] = replace(product, price=Money(amount, product.price.currency))

    def take_off_sale(self, product_id: uuid.UUID) -> None:
        self.known[product_id] = replace(self.known[product_id], active=False)

    def delete(self, product_id: uuid.UUID) -> None:
        del self.known[product_id]

    async def products(self, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, ProductInfo]:
        return {product_id: self.known[product_id] for product_id in ids if product_id in self.known}
