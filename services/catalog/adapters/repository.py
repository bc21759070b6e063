"""catalog's product repository over one SQLAlchemy session."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.catalog.adapters.orm import products
from services.catalog.domain import Price, Product, ProductStatus


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

    async def save(self, product: Product) -> None:
        await self.session.execute(update(products).where(products.c.id == product.id).values(**_row_values(product)))

    async def remove(self, product_id: uuid.UUID) -> bool:
        result = await self.session.execute(delete(products).where(products.c.id == product_id))
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def page(self, *, category: str | None, after: uuid.UUID | None, limit: int) -> list[Product]:
        query = select(products).where(products.c.status == ProductStatus.ACTIVE.value)
        if category:
            query = query.where(products.c.category == category)
        if after is not None:
            query = query.where(products.c.id > after)
        rows = await self.session.execute(query.order_by(products.c.id).limit(limit))
        return [_product(row) for row in rows]
