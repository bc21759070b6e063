"""orders' unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.orders.adapters.repository import OrderRepository
from services.platform.unit_of_work import UnitOfWork


class OrdersUnitOfWork(UnitOfWork):
    orders: OrderRepository

    def bind(self, session: AsyncSession) -> None:
        self.orders = OrderRepository(session)
