"""How every write of wallet runs: one committed database transaction, run again when the database asks to."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from services.wallet.adapters.unit_of_work import WalletUnitOfWork

T = TypeVar("T")

RETRYABLE_SQLSTATES = {"40001", "40P01"}
"""Serialization failure and deadlock: the transaction is run again from the start."""
MAX_ATTEMPTS = 5


class TransactionRunner:
    def __init__(self, unit_of_work: Callable[[], WalletUnitOfWork], *, single_writer: bool) -> None:
        self.unit_of_work = unit_of_work
        # SQLite has one writer: transactions here take turns rather than fail on a busy database.
        self._write_turn = asyncio.Lock() if single_writer else None

    async def run(self, work: Callable[[WalletUnitOfWork], Awaitable[T]]) -> T:
        """Runs `work` in one transaction and commits it; runs it again on a serialization failure or deadlock."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                async with self._writing(), self.unit_of_work() as uow:
                    result = await work(uow)
                    await uow.commit()
                    return result
            except DBAPIError as error:
                if attempt == MAX_ATTEMPTS or sqlstate(error) not in RETRYABLE_SQLSTATES:
                    raise
                await asyncio.sleep(random.uniform(0, 0.01 * 2**attempt))
        raise AssertionError("unreachable")

    @contextlib.asynccontextmanager
    async def _writing(self) -> AsyncIterator[None]:
        if self._write_turn is None:
            yield
            return
        async with self._write_turn:
            yield


def sqlstate(error: DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None) or getattr(getattr(error.orig, "__cause__", None), "sqlstate", None)
