"""catalog's use cases: browse products; admins create, change and remove them; orders hold stock (`holds`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from services.catalog.adapters.cache import ProductCache
from services.catalog.adapters.events import product_changed, product_created, product_deleted
from services.catalog.adapters.unit_of_work import CatalogUnitOfWork
from services.catalog.domain import (
    AdminRequired,
    Price,
    Product,
    ProductChanges,
    ProductNotFound,
    ProductStatus,
    page_size,
)
from services.catalog.holds import StockHolds
from services.platform.clock import Clock, utc_now
from services.platform.context import Principal
from services.platform.cursors import decode_cursor, encode_cursor
from services.platform.ids import uuid7


@dataclass(frozen=True)
class Page:
    products: list[Product]
    next_cursor: str | None


@dataclass(frozen=True)
class NewProduct:
    name: str
    description: str
    category: str
    price: Price
    stock: int
    status: ProductStatus


def require_admin(principal: Principal | None) -> None:
    if principal is None or not principal.is_admin:
        raise AdminRequired("only admins may change the catalog")


class CatalogService:
    def __init__(
        self, unit_of_work: Callable[[], CatalogUnitOfWork], cache: ProductCache, clock: Clock = utc_now
    ) -> None:
        self.unit_of_work = unit_of_work
        self.cache = cache
        self.clock = clock
        self.holds = StockHolds(unit_of_work, cache, clock)

    async def list_products(self, category: str | None, cursor: str | None, limit: int) -> Page:
        size = page_size(limit)
        after = decode_cursor(cursor) if cursor else None
        async with self.unit_of_work() as uow:
            found = await uow.products.page(category=category, after=after, limit=size + 1)
        items = found[:size]
        more = len(found) > size
        return Page(items, encode_cursor(items[-1].id) if more else None)

    async def get_product(self, product_id: uuid.UUID) -> Product:
        product = self.cache.get(product_id)
        if product is not None:
            return product
        async with self.unit_of_work() as uow:
            product = await uow.products.get(product_id)
        if product is None:
            raise ProductNotFound(f"no product {product_id}")
        self.cache.put(product)
        return product

    async def create_product(self, principal: Principal | None, new: NewProduct) -> Product:
        require_admin(principal)
        now = self.clock()
        product = Product(uuid7(), new.name, new.description, new.category, new.price, new.stock, new.status, now, now)
        async with self.unit_of_work() as uow:
            await uow.products.add(product)
            await uow.outbox.add(product_created(product))
            await uow.commit()
        return product

    async def update_product(
        self, principal: Principal | None, product_id: uuid.UUID, changes: ProductChanges
    ) -> Product:
        require_admin(principal)
        async with self.unit_of_work() as uow:
            # Locked: a reservation's stock change in the meantime would otherwise be overwritten.
            current = await uow.products.get_for_update(product_id)
            if current is None:
                raise ProductNotFound(f"no product {product_id}")
            updated = current.changed(changes, self.clock())
            await uow.products.save(updated)
            await uow.outbox.add(product_changed(updated))
            await uow.commit()
        self.cache.drop(product_id)
        return updated

    async def delete_product(self, principal: Principal | None, product_id: uuid.UUID) -> None:
        require_admin(principal)
        async with self.unit_of_work() as uow:
            if not await uow.products.remove(product_id):
                raise ProductNotFound(f"no product {product_id}")
            await uow.outbox.add(product_deleted(product_id))
            await uow.commit()
        self.cache.drop(product_id)
