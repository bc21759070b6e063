"""The saga's states as a gauge: how many orders stand in each status (in flight, paid, cancelled, stuck)."""

from __future__ import annotations

from sqlalchemy import func, select

from services.orders.adapters.orm import orders
from services.orders.domain import OrderStatus
from services.platform.db import Database
from services.platform.metrics import SAGA_STATES, Sample


def order_states_sampler(database: Database) -> Sample:
    """Counts orders by status in one grouped read; every process of orders reports the same totals."""
    gauges = {status: SAGA_STATES.labels("order", status.value) for status in OrderStatus}

    async def sample() -> None:
        async with database.transaction() as session:
            statement = select(orders.c.status, func.count().label("orders")).group_by(orders.c.status)
            counts = {row.status: row.orders for row in await session.execute(statement)}
        for status, gauge in gauges.items():
            gauge.set(counts.get(status.value, 0))

    return sample
