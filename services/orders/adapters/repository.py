"""orders' repository over one SQLAlchemy session."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.orders.adapters.orm import order_keys, order_lines, order_timeline, orders
from services.orders.domain import IN_FLIGHT, Order, OrderLine, OrderStatus, PaymentState, StockState, TimelineEntry
from services.platform.db import conflict_dialect, locking_read
from services.platform.money import Money


def _order_values(order: Order) -> dict[str, Any]:
    return {
        "user_id": order.user_id,
        "status": order.status.value,
        "reason": order.reason,
        "total_amount": order.total.amount,
        "total_currency": order.total.currency,
        "stock_state": order.stock.value,
        "payment_state": order.payment.value,
        "deadline": order.deadline,
        "compensation_attempts": order.compensation_attempts,
        "created_at": order.created_at,
        "updated_at": order.updated_at,
    }


def _order(row: Any, lines: Iterable[OrderLine]) -> Order:
    return Order(
        id=row.id,
        user_id=row.user_id,
        status=OrderStatus(row.status),
        reason=row.reason,
        lines=tuple(lines),
        total=Money(row.total_amount, row.total_currency),
        stock=StockState(row.stock_state),
        payment=PaymentState(row.payment_state),
        deadline=row.deadline,
        compensation_attempts=row.compensation_attempts,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._dialect = conflict_dialect(session)

    async def add(self, order: Order) -> None:
        await self.session.execute(insert(orders).values(id=order.id, **_order_values(order)))
        await self.session.execute(
            insert(order_lines),
            [
                {
                    "order_id": order.id,
                    "product_id": line.product_id,
                    "name": line.name,
                    "quantity": line.quantity,
                    "unit_price_amount": line.unit_price.amount,
                    "unit_price_currency": line.unit_price.currency,
                }
                for line in order.lines
            ],
        )

    async def get(self, order_id: uuid.UUID, *, for_update: bool = False) -> Order | None:
        """The order; with for_update, locked until the transaction ends, so its saga steps take turns."""
        query = (
            locking_read(orders, orders.c.id == order_id)
            if for_update
            else select(orders).where(orders.c.id == order_id)
        )
        row = (await self.session.execute(query)).first()
        if row is None:
            return None
        return _order(row, (await self._lines_of([order_id]))[order_id])

    async def save(self, order: Order) -> None:
        await self.session.execute(update(orders).where(orders.c.id == order.id).values(**_order_values(order)))

    async def record_status(self, order: Order) -> None:
        """Adds the order's current status to its timeline."""
        await self.session.execute(
            insert(order_timeline).values(
                order_id=order.id, status=order.status.value, reason=order.reason, at=order.updated_at
            )
        )

    async def timeline(self, order_id: uuid.UUID) -> list[TimelineEntry]:
        rows = await self.session.execute(
            select(order_timeline).where(order_timeline.c.order_id == order_id).order_by(order_timeline.c.id)
        )
        return [TimelineEntry(OrderStatus(row.status), row.reason, row.at) for row in rows]

    async def page(
        self, user_id: uuid.UUID | None, status: OrderStatus | None, before: uuid.UUID | None, limit: int
    ) -> list[Order]:
        """Orders newest first: one user's (or everyone's when user_id is None), of one status or all."""
        query = select(orders)
        if user_id is not None:
            query = query.where(orders.c.user_id == user_id)
        if status is not None:
            query = query.where(orders.c.status == status.value)
        if before is not None:
            query = query.where(orders.c.id < before)
        rows = list(await self.session.execute(query.order_by(orders.c.id.desc()).limit(limit)))
        lines = await self._lines_of([row.id for row in rows])
        return [_order(row, lines[row.id]) for row in rows]

    async def count_in_flight(self) -> int:
        """Orders whose saga is still running (placed and not yet paid or cancelled, or being undone)."""
        statement = select(func.count()).where(orders.c.status.in_([status.value for status in IN_FLIGHT]))
        return int((await self.session.execute(statement)).scalar_one())

    async def due(self, now: datetime, limit: int) -> list[uuid.UUID]:
        """Orders in flight whose deadline has passed, oldest deadline first."""
        rows = await self.session.execute(
            select(orders.c.id)
            .where(orders.c.deadline <= now, orders.c.status.in_([status.value for status in IN_FLIGHT]))
            .order_by(orders.c.deadline)
            .limit(limit)
        )
        return list(rows.scalars())

    async def claim_key(self, user_id: uuid.UUID, key: str, fingerprint: str, order_id: uuid.UUID) -> bool:
        """Takes the idempotency key for a new order; False when an earlier order has it (PostgreSQL waits for it)."""
        claimed = await self.session.execute(
            self._dialect.insert(order_keys)
            .values(user_id=user_id, key=key, fingerprint=fingerprint, order_id=order_id)
            .on_conflict_do_nothing()
            .returning(order_keys.c.key)
        )
        return claimed.first() is not None

    async def keyed(self, user_id: uuid.UUID, key: str) -> tuple[str, uuid.UUID] | None:
        """What the order placed with this key asked for, and its id."""
        row = (
            await self.session.execute(
                select(order_keys.c.fingerprint, order_keys.c.order_id).where(
                    order_keys.c.user_id == user_id, order_keys.c.key == key
                )
            )
        ).first()
        return (str(row.fingerprint), row.order_id) if row else None

    async def _lines_of(self, order_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[OrderLine]]:
        found: dict[uuid.UUID, list[OrderLine]] = {order_id: [] for order_id in order_ids}
        if not order_ids:
            return found
        rows = await self.session.execute(
            select(order_lines).where(order_lines.c.order_id.in_(order_ids)).order_by(order_lines.c.product_id)
        )
        for row in rows:
            found[row.order_id].append(
                OrderLine(row.product_id, row.name, row.quantity, Money(row.unit_price_amount, row.unit_price_currency))
            )
        return found
