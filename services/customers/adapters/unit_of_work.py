"""customers' unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.customers.adapters.repository import CartRepository, FavouriteRepository, ProductReferenceRepository
from services.platform.product_deletions import DeletionLedger
from services.platform.unit_of_work import UnitOfWork


class CustomersUnitOfWork(UnitOfWork):
    carts: CartRepository
    favourites: FavouriteRepository
    references: ProductReferenceRepository
    deletions: DeletionLedger

    def bind(self, session: AsyncSession) -> None:
        self.carts = CartRepository(session)
        self.favourites = FavouriteRepository(session)
        self.references = ProductReferenceRepository(session)
        self.deletions = DeletionLedger(session)
