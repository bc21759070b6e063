"""catalog's product repository over one SQLAlchemy session."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.catalog.adapters.orm import products
from services.catalog.domain import Price, Product, ProductStatus
from services.platform.db import locking_read


def _row_values(product: Product) -> dict[str, Any]:
    return {
        "id": product.id,
        "name": product.name,
        "description": product.description,
        "category": product.category,
        "price_amount": product.price.amount,
        "price_currency": product.price.currency,
        "stock": product.stock,
        "status": product.status.value,
        "created_at": product.created_at,
        "updated_at": product.updated_at,
    }


def _product(row: Any) -> Product:
    return Product(
        id=row.id,
        name=row.name,
        description=row.description,
        category=row.category,
        price=Price(row.price_amount, row.price_currency),
        stock=row.stock,
        status=ProductStatus(row.status),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class ProductRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, product: Product) -> None:
        await self.session.execute(insert(products).values(**_row_values(product)))

    async def get(self, product_id: uuid.UUID) -> Product | None:
        row = (await self.session.execute(select(products).where(products.c.id == product_id))).first()
        return _product(row) if row else None

    async def get_for_update(self, product_id: uuid.UUID) -> Product | None:
        """The product, locked until the transaction ends, so a stock change made meanwhile is not overwritten."""
        row = (await self.session.execute(locking_read(products, products.c.id == product_id))).first()
        return _product(row) if row else None

    async def lock(self, product_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, Product]:
        """Those of the products that exist, locked until the transaction ends.

        Locked in id order, so transactions locking several products never deadlock. SQLite ignores FOR UPDATE:
        there the transaction must have written before, which gave it the database's one write lock.
        """
        rows = await self.session.execute(
            select(products).where(products.c.id.in_(sorted(product_ids))).order_by(products.c.id).with_for_update()
        )
        return {row.id: _product(row) for row in rows}

    async def move_stock(self, deltas: Mapping[uuid.UUID, int], now: datetime) -> None:
        """Adds each delta to its product's stock, in id order as `lock` takes them; the database refuses a
        negative stock."""
        if not deltas:
            return
        statement = (
            update(products)
            .where(products.c.id == bindparam("moved_id"))
            .values(stock=products.c.stock + bindparam("delta"), updated_at=now)
        )
        await self.session.execute(
            statement, [{"moved_id": product_id, "delta": deltas[product_id]} for product_id in sorted(deltas)]
        )

    async def save(self, product: Product) -> None:
        await self.session.execute(update(products).where(products.c.id == product.id).values(**_row_values(product)))

    async def remove(self, product_id: uuid.UUID) -> None:
        await self.session.execute(delete(products).where(products.c.id == product_id))

    async def page(self, *, category: str | None, after: uuid.UUID | None, limit: int) -> list[Product]:
        query = select(products).where(products.c.status == ProductStatus.ACTIVE.value)
        if category:
            query = query.where(products.c.category == category)
        if after is not None:
            query = query.where(products.c.id > after)
        rows = await self.session.execute(query.order_by(products.c.id).limit(limit))
        return [_product(row) for row in rows]
