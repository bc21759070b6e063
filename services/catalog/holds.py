"""catalog's part in the order saga: hold an order's stock, give it back, or keep it sold once paid.

Every use case is one transaction that starts by claiming the order's hold row. The claim makes a repeated or
concurrent command for the same order find the first one's outcome instead of acting twice, and, being a write,
it starts SQLite's one write transaction before anything is read, so what is read stays current.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from agora.events.v1.envelope_pb2 import Envelope
from services.catalog.adapters.cache import ProductCache
from services.catalog.adapters.events import reservation_answer, stock_released
from services.catalog.adapters.unit_of_work import CatalogUnitOfWork
from services.catalog.domain import (
    Hold,
    HoldState,
    ProductNotFound,
    Refused,
    RequestedItem,
    StockPosition,
    check_available,
    requested_quantities,
)
from services.platform.clock import Clock, utc_now


class StockHolds:
    """The stock use cases orders' commands call; each answers on the outbox in its own transaction."""

    def __init__(
        self, unit_of_work: Callable[[], CatalogUnitOfWork], cache: ProductCache, clock: Clock = utc_now
    ) -> None:
        self.unit_of_work = unit_of_work
        self.cache = cache
        self.clock = clock

    async def reserve(
        self, order_id: uuid.UUID, items: Sequence[RequestedItem], *, command: Envelope | None = None
    ) -> Hold:
        """Holds all of the order's items or none, and answers; a repeated request answers again from the hold."""
        taken: dict[uuid.UUID, int] = {}
        async with self.unit_of_work() as uow:
            now = self.clock()
            # Claimed as reserved; no one sees it before the commit, by when it is settled.
            if await uow.holds.claim(Hold(order_id, HoldState.RESERVED), now):
                hold, taken = await self._take_stock(uow, order_id, items, now)
            else:
                hold = await self._existing(uow, order_id)
            await uow.outbox.add(reservation_answer(hold, command))
            await uow.commit()
        self._forget(taken)
        return hold

    async def release(self, order_id: uuid.UUID, *, command: Envelope | None = None) -> Hold:
        """Gives back whatever the order holds (reserved or sold) and answers StockReleased in every case.

        An order without a hold gets a released one with nothing in it, so a reservation arriving later is refused.
        """
        given_back: dict[uuid.UUID, int] = {}
        async with self.unit_of_work() as uow:
            now = self.clock()
            hold = Hold(order_id, HoldState.RELEASED)
            if not await uow.holds.claim(hold, now):
                hold = await self._existing(uow, order_id)
                if hold.holds_stock:
                    given_back = await uow.holds.lines(order_id)
                    await uow.products.move_stock(given_back, now)
                    hold = replace(hold, state=HoldState.RELEASED)
                    await uow.holds.settle(hold, now)
            await uow.outbox.add(stock_released(order_id, command))
            await uow.commit()
        self._forget(given_back)
        return hold

    async def mark_sold(self, order_id: uuid.UUID) -> bool:
        """Keeps a paid order's reserved items out of stock for good; False (and no change) unless it was reserved."""
        async with self.unit_of_work() as uow:
            sold = await uow.holds.sell(order_id, self.clock())
            await uow.commit()
        return sold

    async def position(self, product_id: uuid.UUID) -> StockPosition:
        """The product's stock and its units held by reserved and by sold orders, at one moment."""
        async with self.unit_of_work() as uow:
            position = await uow.holds.position(product_id)
        if position is None:
            raise ProductNotFound(f"no product {product_id}")
        return position

    @staticmethod
    async def _take_stock(
        uow: CatalogUnitOfWork, order_id: uuid.UUID, items: Sequence[RequestedItem], now: datetime
    ) -> tuple[Hold, dict[uuid.UUID, int]]:
        """Under the claimed hold: takes every unit asked for out of stock, or refuses and takes none.

        Returns the settled hold and the units taken of each product.
        """
        try:
            wanted = requested_quantities(items)
            check_available(wanted, await uow.products.lock(wanted))
        except Refused as refusal:
            rejected = Hold(order_id, HoldState.REJECTED, refusal.reason)
            await uow.holds.settle(rejected, now)
            return rejected, {}
        await uow.products.move_stock({product_id: -quantity for product_id, quantity in wanted.items()}, now)
        await uow.holds.add_lines(order_id, wanted)
        return Hold(order_id, HoldState.RESERVED), wanted

    @staticmethod
    async def _existing(uow: CatalogUnitOfWork, order_id: uuid.UUID) -> Hold:
        """The hold a claim found: another transaction's, committed by the time the claim returned."""
        hold = await uow.holds.get_for_update(order_id)
        if hold is None:
            raise AssertionError(f"the hold of order {order_id} vanished after its claim failed")
        return hold

    def _forget(self, product_ids: Iterable[uuid.UUID]) -> None:
        """Drops products whose stock changed from the read cache, so this process reads them afresh."""
        for product_id in product_ids:
            self.cache.drop(product_id)
