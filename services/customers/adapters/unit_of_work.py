"""customers' unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.customers.adapters.repository import CartRepository, FavouriteRepository
from services.platform.unit_of_work import UnitOfWork


class CustomersUnitOfWork(UnitOfWork):
    carts: CartRepository
    favourites: FavouriteRepository

    def bind(self, session: AsyncSession) -> None:
        self.carts = CartRepository(session)
        self.favourites = FavouriteRepository(session)
