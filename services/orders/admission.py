"""Admission of new orders: a bound on the sagas in flight, so an overloaded platform refuses an order at once
(503, `orders_busy`, try again) instead of taking it and letting every order's saga queue behind it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from services.platform.errors import Unavailable


class OrdersBusy(Unavailable):
    code = "orders_busy"


class Admission:
    """Admits an order while fewer than `limit` are in flight (PENDING, RESERVED or CANCELLING) in every orders
    process together; a limit of 0 admits everything.

    The count is read at most once every `refresh_seconds`; in between, the orders this process admits are added
    to it and the ones it sees leave the saga (or fail to be placed) are taken off, so one process's own orders
    are counted exactly and a burst cannot pass the limit by more than what other processes admit meanwhile.
    """

    def __init__(
        self,
        count_in_flight: Callable[[], Awaitable[int]],
        limit: int,
        refresh_seconds: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.count_in_flight = count_in_flight
        self.limit = limit
        self.refresh_seconds = refresh_seconds
        self.clock = clock
        self._in_flight = 0
        self._read_at = -float("inf")
        self._reading = asyncio.Lock()

    async def admit(self) -> None:
        if self.limit <= 0:
            return
        if self._stale():
            async with self._reading:
                if self._stale():  # another caller may have read it while this one waited
                    self._in_flight = await self.count_in_flight()
                    self._read_at = self.clock()
        if self._in_flight >= self.limit:
            raise OrdersBusy(f"{self.limit} orders are being processed; try again in a moment")
        self._in_flight += 1

    def release(self) -> None:
        """One order this process admitted, or saw in flight, is no longer in flight."""
        self._in_flight = max(0, self._in_flight - 1)

    def _stale(self) -> bool:
        return self.clock() - self._read_at >= self.refresh_seconds
