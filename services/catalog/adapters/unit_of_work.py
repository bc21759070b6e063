"""catalog's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.catalog.adapters.deletions import DeletionRepository
from services.catalog.adapters.holds import HoldRepository
from services.catalog.adapters.repository import ProductRepository
from services.platform.unit_of_work import UnitOfWork


class CatalogUnitOfWork(UnitOfWork):
    products: ProductRepository
    holds: HoldRepository
    deletions: DeletionRepository

    def bind(self, session: AsyncSession) -> None:
        self.products = ProductRepository(session)
        self.holds = HoldRepository(session)
        self.deletions = DeletionRepository(session)
