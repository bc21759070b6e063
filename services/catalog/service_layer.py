"""catalog's use cases: browse products; admins create, change and remove them; orders hold stock (`holds`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from services.catalog.adapters.cache import ProductCache
from services.catalog.adapters.events import product_changed, product_created
from services.catalog.adapters.unit_of_work import CatalogUnitOfWork
from services.catalog.deletions import ProductDeletions
from services.catalog.domain import (
    HIDDEN_STATUSES,
    Price,
    Product,
    ProductBeingDeleted,
    ProductChanges,
    ProductNotFound,
    ProductStatus,
    require_admin,
)
from services.catalog.holds import StockHolds
from services.platform.clock import Clock, utc_now
from services.platform.context import Principal
from services.platform.cursors import decode_cursor, encode_cursor, page_size
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


@dataclass(frozen=True)
class DeletionRules:
    """Who must drop a deleted product's references, and how long they have."""

    participants: Sequence[str] = ()
    timeout: timedelta = timedelta(seconds=30)


class CatalogService:
    def __init__(
        self,
        unit_of_work: Callable[[], CatalogUnitOfWork],
        cache: ProductCache,
        clock: Clock = utc_now,
        deletion_rules: DeletionRules | None = None,
    ) -> None:
        self.unit_of_work = unit_of_work
        self.cache = cache
        self.clock = clock
        self.holds = StockHolds(unit_of_work, cache, clock)
        rules = deletion_rules or DeletionRules()
        self.deletions = ProductDeletions(unit_of_work, cache, rules.participants, rules.timeout, clock)

    async def list_products(self, category: str | None, cursor: str | None, limit: int) -> Page:
        size = page_size(limit)
        after = decode_cursor(cursor) if cursor else None
        async with self.unit_of_work() as uow:
            found = await uow.products.page(category=category, after=after, limit=size + 1)
        items = found[:size]
        more = len(found) > size
        return Page(items, encode_cursor(items[-1].id) if more else None)

    async def get_product(self, product_id: uuid.UUID) -> Product:
        """An active or inactive product; one being deleted, or deleted, is not found."""
        product = self.cache.get(product_id)
        if product is None:
            read_at = self.cache.before_read()
            async with self.unit_of_work() as uow:
                product = await uow.products.get(product_id)
            if product is not None:
                self.cache.put(product, read_at)
        if product is None or product.status in HIDDEN_STATUSES:
            raise ProductNotFound(f"no product {product_id}")
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
            if current is None or current.status is ProductStatus.DELETED:
                raise ProductNotFound(f"no product {product_id}")
            if current.status is ProductStatus.DELETING:
                raise ProductBeingDeleted(f"product {product_id} is being deleted")
            updated = current.changed(changes, self.clock())
            await uow.products.save(updated)
            await uow.outbox.add(product_changed(updated))
            await uow.commit()
        self.cache.drop(product_id)
        return updated
