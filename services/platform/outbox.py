"""The transactional outbox and the consumer's ledger of handled events, shared by every service's database."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Any

import asyncpg
from alembic import op
from sqlalchemy import BigInteger, Column, Integer, LargeBinary, MetaData, String, Table, delete, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from agora.events.v1.envelope_pb2 import Envelope
from services.platform.bus import Bus, Message
from services.platform.clock import utc_now
from services.platform.db import Database, UtcDateTime, conflict_dialect, is_sqlite
from services.platform.failpoints import failpoint

log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "agora_outbox"

metadata = MetaData()


def _outbox_columns() -> list[Column[Any]]:
    return [
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False),
        Column("routing_key", String(128), nullable=False),
        Column("body", LargeBinary, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
    ]


def _processed_events_columns() -> list[Column[Any]]:
    return [
        Column("consumer", String(128), primary_key=True),
        Column("event_id", String(36), primary_key=True),
        Column("processed_at", UtcDateTime, nullable=False),
    ]


outbox = Table("outbox", metadata, *_outbox_columns())
processed_events = Table("processed_events", metadata, *_processed_events_columns())


def create_event_tables() -> None:
    """For a service's alembic migration: the outbox and the handled-events ledger."""
    op.create_table("outbox", *_outbox_columns())
    op.create_table("processed_events", *_processed_events_columns())


class Outbox:
    """Events written in the same transaction as the state change they announce."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.written = 0

    async def add(self, *envelopes: Envelope) -> None:
        """Writes the events in one statement, in the given order."""
        if not envelopes:
            return
        now = utc_now()
        # Parameter sets rather than one statement of many rows: the statement compiles once and stays cached.
        await self.session.execute(
            insert(outbox),
            [
                {
                    "event_id": envelope.event_id,
                    "routing_key": envelope.type,
                    "body": envelope.SerializeToString(),
                    "created_at": now,
                }
                for envelope in envelopes
            ],
        )
        if not self.written and self.session.get_bind().dialect.name == "postgresql":
            # Delivered at commit to every relay listening on this database, in any process.
            await self.session.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))
        self.written += len(envelopes)


class ProcessedEvents:
    """Which events a consumer has handled: recorded with the effect, so a redelivery has no second effect."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def first_time(self, consumer: str, event_id: str) -> bool:
        """Records the event as handled by `consumer`; False when it already was (then do nothing)."""
        return event_id in await self.first_times(consumer, [event_id])

    async def first_times(self, consumer: str, event_ids: Sequence[str]) -> set[str]:
        """Records the events as handled by `consumer` in one statement; returns those it had not handled yet."""
        if not event_ids:
            return set()
        dialect = conflict_dialect(self.session)
        now = utc_now()
        statement = dialect.insert(processed_events).on_conflict_do_nothing().returning(processed_events.c.event_id)
        rows = [{"consumer": consumer, "event_id": event_id, "processed_at": now} for event_id in event_ids]
        return set((await self.session.execute(statement, rows)).scalars())


class OutboxRelay:
    """Publishes committed outbox rows and deletes them; several relays may run (rows are locked, skipped).

    It wakes when this process commits outbox rows and, on PostgreSQL, when any process does (LISTEN/NOTIFY);
    `idle_seconds` is the fallback poll for what a wake-up missed (SQLite from other processes, a lost listener).
    """

    def __init__(self, database: Database, bus: Bus, batch_size: int = 500, idle_seconds: float = 1.0) -> None:
        self.database = database
        self.bus = bus
        self.batch_size = batch_size
        self.idle_seconds = idle_seconds
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._run(), name="outbox-relay")]
        if not is_sqlite(self.database.url):
            self._tasks.append(asyncio.create_task(self._listen(), name="outbox-listener"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _listen(self) -> None:
        """Sets the wake-up on every NOTIFY from a committing outbox writer; reconnects when the link drops."""
        dsn = make_url(self.database.url).set(drivername="postgresql").render_as_string(hide_password=False)
        while True:
            try:
                await self._listen_until_lost(dsn)
            except (OSError, asyncpg.PostgresError) as error:
                log.warning("outbox listener lost its connection: %s", error)
            await asyncio.sleep(self.idle_seconds)

    async def _listen_until_lost(self, dsn: str) -> None:
        wake = self.database.outbox_written
        connection = await asyncpg.connect(dsn)
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _: lost.set())
        try:
            await connection.add_listener(NOTIFY_CHANNEL, lambda *_: wake.set())
            wake.set()  # rows committed while nothing was listening
            await lost.wait()
        finally:
            await connection.close()

    async def publish_pending(self) -> int:
        """Publishes one batch; returns how many rows it published."""
        async with self.database.transaction() as session:
            rows = (
                await session.execute(
                    select(outbox.c.id, outbox.c.event_id, outbox.c.routing_key, outbox.c.body)
                    .order_by(outbox.c.id)
                    .limit(self.batch_size)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            if not rows:
                return 0
            failpoint("outbox.publishing")  # crash tests: committed, not yet published
            await self.bus.publish([Message(row.routing_key, row.body, row.event_id) for row in rows])
            failpoint("outbox.published")  # crash tests: published, still in the outbox (sent again on restart)
            await session.execute(delete(outbox).where(outbox.c.id.in_([row.id for row in rows])))
        return len(rows)

    async def _run(self) -> None:
        wake = self.database.outbox_written
        while True:
            # Cleared before looking, so a commit that lands while the batch is read still wakes the next turn.
            wake.clear()
            try:
                if await self.publish_pending():
                    continue
            except Exception as error:  # the broker or the database is away: keep the rows, try again
                log.warning("outbox relay could not publish: %s", error)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), self.idle_seconds)
