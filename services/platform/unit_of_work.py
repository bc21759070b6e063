"""The unit of work every service's repositories hang off: one transaction, its outbox and its event ledger."""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.db import Database
from services.platform.outbox import Outbox, ProcessedEvents


class UnitOfWork:
    """One transaction: commit it explicitly or it rolls back. Subclasses attach repositories in `bind`.

    Every service's database has the outbox (events to publish) and the ledger of events it handled.
    """

    outbox: Outbox
    processed_events: ProcessedEvents

    def __init__(self, database: Database) -> None:
        self._database = database
        self._session: AsyncSession | None = None
        self._after_commit: list[Callable[[], None]] = []

    def bind(self, session: AsyncSession) -> None:
        """Attaches the service's own repositories; the outbox and ledger are attached already."""

    async def __aenter__(self) -> Self:
        self._session = self._database.sessions()
        await self._session.begin()
        self.outbox = Outbox(self._session)
        self.processed_events = ProcessedEvents(self._session)
        self._after_commit = []
        self.bind(self._session)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._session is not None
        try:
            await self._session.rollback()  # a no-op after commit
        finally:
            await self._session.close()
            self._session = None

    async def commit(self) -> None:
        assert self._session is not None
        await self._session.commit()
        if self.outbox.written:
            self._database.outbox_written.set()
        for callback in self._after_commit:
            callback()
        self._after_commit.clear()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Calls `callback` once this transaction has committed; never if it rolls back."""
        self._after_commit.append(callback)
