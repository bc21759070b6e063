"""The transactional outbox and the consumer's ledger of handled events, shared by every service's database."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator, Sequence
from typing import Any

import asyncpg
from alembic import op
from opentelemetry.trace import SpanKind
from sqlalchemy import BigInteger, Column, Integer, LargeBinary, MetaData, String, Table, delete, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from agora.events.v1.envelope_pb2 import Envelope
from services.platform import metrics, tracing
from services.platform.bus import Bus, Message
from services.platform.clock import utc_now
from services.platform.db import Database, UtcDateTime, conflict_dialect, driver_connection, is_sqlite
from services.platform.events import trace_context_of
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


# PostgreSQL's hot statements, run straight on asyncpg (driver_connection).
INSERT_AND_NOTIFY = f"""
WITH written AS (
    INSERT INTO outbox (event_id, routing_key, body, created_at)
    SELECT event_id, routing_key, body, $4 FROM unnest($1::varchar[], $2::varchar[], $3::bytea[])
        WITH ORDINALITY AS e(event_id, routing_key, body, position) ORDER BY position
)
SELECT pg_notify('{NOTIFY_CHANNEL}', '')
"""
RECORD_HANDLED = """
INSERT INTO processed_events (consumer, event_id, processed_at)
SELECT $1, event_id, $3 FROM unnest($2::varchar[]) AS event_id
ON CONFLICT DO NOTHING RETURNING event_id
"""
TAKE_BATCH = """
DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
RETURNING id, event_id, routing_key, body
"""

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
        driver = await driver_connection(self.session)
        if driver is not None:
            # One round trip: the rows, and the wake-up delivered at commit to every relay listening on this
            # database, in any process (PostgreSQL folds the same notification within a transaction).
            await driver.execute(
                INSERT_AND_NOTIFY,
                [envelope.event_id for envelope in envelopes],
                [envelope.type for envelope in envelopes],
                [envelope.SerializeToString() for envelope in envelopes],
                now,
            )
            self.written += len(envelopes)
            return
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
        now = utc_now()
        driver = await driver_connection(self.session)
        if driver is not None:
            return {row[0] for row in await driver.fetch(RECORD_HANDLED, consumer, list(event_ids), now)}
        dialect = conflict_dialect(self.session)
        statement = dialect.insert(processed_events).on_conflict_do_nothing().returning(processed_events.c.event_id)
        rows = [{"consumer": consumer, "event_id": event_id, "processed_at": now} for event_id in event_ids]
        return set((await self.session.execute(statement, rows)).scalars())


async def outbox_backlog(database: Database) -> tuple[int, float]:
    """How many events wait in the outbox, and the oldest one's age in seconds (0 when none wait)."""
    async with database.transaction() as session:
        count, oldest = (await session.execute(select(func.count(), func.min(outbox.c.created_at)))).one()
    return count, (utc_now() - oldest).total_seconds() if oldest is not None else 0.0


@contextlib.contextmanager
def producer_spans(messages: Sequence[Message]) -> Iterator[None]:
    """When tracing is on, a producer span per message over its publishing, in the trace that wrote the event."""
    if not tracing.enabled():
        yield
        return
    with contextlib.ExitStack() as spans:
        for message in messages:
            attributes = {"messaging.system": "rabbitmq", "messaging.destination.name": message.routing_key,
                          "messaging.message.id": message.message_id}  # fmt: skip
            spans.enter_context(
                tracing.span(f"send {message.routing_key}", SpanKind.PRODUCER, trace_context_of(message), attributes)
            )
        yield


class OutboxRelay:
    """Publishes committed outbox rows and deletes them; several relays may run (rows are locked, skipped).

    It wakes when this process commits outbox rows and, on PostgreSQL, when any process does (LISTEN/NOTIFY);
    `idle_seconds` is the fallback poll for what a wake-up missed (SQLite from other processes, a lost listener).
    """

    def __init__(
        self, database: Database, bus: Bus, batch_size: int = 500, idle_seconds: float = 1.0, service: str = "-"
    ) -> None:
        self.database = database
        self._published = metrics.EVENTS_PUBLISHED.labels(service)
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
        """Publishes one batch; returns how many rows it published.

        The rows are taken out of the outbox in the transaction that publishes them: if publishing fails, or the
        process dies before the commit, they are there again for the next turn (and published twice at worst).
        """
        async with self.database.transaction() as session:
            driver = await driver_connection(session)
            rows: list[Any]
            if driver is not None:
                rows = sorted(await driver.fetch(TAKE_BATCH, self.batch_size))  # in the order they were written
            else:
                rows = list(
                    await session.execute(
                        select(outbox.c.id, outbox.c.event_id, outbox.c.routing_key, outbox.c.body)
                        .order_by(outbox.c.id)
                        .limit(self.batch_size)
                    )
                )
                await session.execute(delete(outbox).where(outbox.c.id.in_([row[0] for row in rows])))
            if not rows:
                return 0
            failpoint("outbox.publishing")  # crash tests: committed, not yet published
            messages = [Message(routing_key, body, event_id) for _, event_id, routing_key, body in rows]
            with producer_spans(messages):
                await self.bus.publish(messages)
            failpoint("outbox.published")  # crash tests: published, still in the outbox (sent again on restart)
        self._published.inc(len(rows))
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
