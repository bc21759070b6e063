"""catalog's repository of stock holds (what each order holds) over one SQLAlchemy session."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ScalarSelect, cast, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.catalog.adapters.orm import products, stock_hold_lines, stock_holds
from services.catalog.domain import Hold, HoldState, StockPosition
from services.platform.db import conflict_dialect


def _hold(row: Any) -> Hold:
    return Hold(row.order_id, HoldState(row.state), row.reason)


class HoldRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(self, hold: Hold, now: datetime) -> bool:
        """Stores the order's first hold and returns True; returns False, changing nothing, when it has one.

        A claim of the same order in another transaction waits for that one to end, so exactly one claim wins.
        Being a write, it also starts SQLite's write transaction, so what the caller reads next is current.
        """
        dialect = conflict_dialect(self.session)
        statement = (
            dialect.insert(stock_holds)
            .values(order_id=hold.order_id, state=hold.state.value, reason=hold.reason, updated_at=now)
            .on_conflict_do_nothing()
            .returning(stock_holds.c.order_id)
        )
        return (await self.session.execute(statement)).first() is not None

    async def get_for_update(self, order_id: uuid.UUID) -> Hold | None:
        """The order's hold, locked until the transaction ends (on SQLite, the write lock is held already)."""
        statement = select(stock_holds).where(stock_holds.c.order_id == order_id).with_for_update()
        row = (await self.session.execute(statement)).first()
        return _hold(row) if row else None

    async def settle(self, hold: Hold, now: datetime) -> None:
        """Stores the hold's new state and reason."""
        await self.session.execute(
            update(stock_holds)
            .where(stock_holds.c.order_id == hold.order_id)
            .values(state=hold.state.value, reason=hold.reason, updated_at=now)
        )

    async def sell(self, order_id: uuid.UUID, now: datetime) -> bool:
        """Turns the order's hold from reserved to sold in one statement; False when it was not reserved."""
        statement = (
            update(stock_holds)
            .where(stock_holds.c.order_id == order_id, stock_holds.c.state == HoldState.RESERVED.value)
            .values(state=HoldState.SOLD.value, updated_at=now)
            .returning(stock_holds.c.order_id)
        )
        return (await self.session.execute(statement)).first() is not None

    async def add_lines(self, order_id: uuid.UUID, quantities: Mapping[uuid.UUID, int]) -> None:
        await self.session.execute(
            insert(stock_hold_lines),
            [
                {"order_id": order_id, "product_id": product_id, "quantity": quantity}
                for product_id, quantity in sorted(quantities.items())
            ],
        )

    async def lines(self, order_id: uuid.UUID) -> dict[uuid.UUID, int]:
        """The units of each product the order took out of stock."""
        rows = await self.session.execute(
            select(stock_hold_lines.c.product_id, stock_hold_lines.c.quantity).where(
                stock_hold_lines.c.order_id == order_id
            )
        )
        return {row.product_id: row.quantity for row in rows}

    async def refer_to(self, product_id: uuid.UUID) -> bool:
        """Whether any order ever held the product (its lines must keep pointing at it)."""
        statement = select(stock_hold_lines.c.order_id).where(stock_hold_lines.c.product_id == product_id).limit(1)
        return (await self.session.execute(statement)).first() is not None

    async def position(self, product_id: uuid.UUID) -> StockPosition | None:
        """The product's stock and its units held by reserved and by sold orders, read in one statement."""
        row = (
            await self.session.execute(
                select(
                    products.c.stock,
                    _units_held(product_id, HoldState.RESERVED).label("reserved"),
                    _units_held(product_id, HoldState.SOLD).label("sold"),
                ).where(products.c.id == product_id)
            )
        ).first()
        return StockPosition(row.stock, row.reserved, row.sold) if row else None


def _units_held(product_id: uuid.UUID, state: HoldState) -> ScalarSelect[int]:
    """The units of the product in the lines of holds in `state`, as a scalar subquery.

    Cast back to a bigint: PostgreSQL sums bigints as numeric, which would arrive as a Decimal.
    """
    return (
        select(cast(func.coalesce(func.sum(stock_hold_lines.c.quantity), 0), BigInteger))
        .join(stock_holds, stock_holds.c.order_id == stock_hold_lines.c.order_id)
        .where(stock_hold_lines.c.product_id == product_id, stock_holds.c.state == state.value)
        .scalar_subquery()
    )
