"""catalog's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.catalog.adapters.repository import ProductRepository
from services.platform.unit_of_work import UnitOfWork


class CatalogUnitOfWork(UnitOfWork):
    products: ProductRepository

    def bind(self, session: AsyncSession) -> None:
        self.products = ProductRepository(session)
