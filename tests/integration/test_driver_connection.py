"""Statements run straight on asyncpg (driver_connection) belong to the unit of work's transaction on PostgreSQL:
rolled back with it, committed with it, whichever statement comes first; and the relay's take-and-publish keeps
the rows when publishing fails."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence

import pytest
from sqlalchemy import func, select

from agora.events.v1.envelope_pb2 import Envelope
from agora.events.v1.identity_pb2 import UserRegistered
from services.identity.service import MIGRATIONS
from services.platform.bus import Message
from services.platform.bus.memory import MemoryBus
from services.platform.db import Database
from services.platform.events import unwrap, wrap
from services.platform.outbox import OutboxRelay, outbox
from services.platform.settings import Settings
from services.platform.unit_of_work import UnitOfWork


@pytest.fixture
async def database(postgres_settings: Settings) -> AsyncIterator[Database]:
    opened = Database(postgres_settings.database_url_for("identity"))
    await opened.prepare(MIGRATIONS)
    yield opened
    await opened.close()


def registered(name: str) -> Envelope:
    return wrap(UserRegistered(user_id=f"id-{name}", username=name), producer="identity")


async def waiting(database: Database) -> int:
    async with database.transaction() as session:
        return int((await session.execute(select(func.count()).select_from(outbox))).scalar_one())


async def test_a_driver_statement_first_in_a_unit_of_work_is_rolled_back_with_it(database: Database) -> None:
    async with UnitOfWork(database) as uow:
        await uow.outbox.add(registered("never"))  # the transaction's first statement, on the driver
        # leaving without commit: rolled back
    assert await waiting(database) == 0

    async with UnitOfWork(database) as uow:
        await uow.outbox.add(registered("kept"))
        await uow.commit()
    assert await waiting(database) == 1


async def test_the_handled_events_ledger_tells_first_times_apart(database: Database) -> None:
    async with UnitOfWork(database) as uow:
        assert await uow.processed_events.first_times("tester", ["a", "b"]) == {"a", "b"}
        await uow.commit()
    async with UnitOfWork(database) as uow:
        assert await uow.processed_events.first_times("tester", ["b", "c"]) == {"c"}
        assert await uow.processed_events.first_times("someone else", ["b"]) == {"b"}
        await uow.commit()


class FailingBus(MemoryBus):
    async def publish(self, messages: Sequence[Message]) -> None:
        raise ConnectionError("the broker is away")


async def test_rows_taken_by_a_relay_that_cannot_publish_stay_in_the_outbox_in_order(database: Database) -> None:
    async with UnitOfWork(database) as uow:
        await uow.outbox.add(registered("first"), registered("second"))
        await uow.outbox.add(registered("third"))
        await uow.commit()

    with pytest.raises(ConnectionError):
        await OutboxRelay(database, FailingBus()).publish_pending()
    assert await waiting(database) == 3

    bus, published = MemoryBus(), asyncio.Queue[Message]()
    await bus.broadcast(["#"], published.put)
    try:
        assert await OutboxRelay(database, bus).publish_pending() == 3
        assert await waiting(database) == 0
        names = [username_in(await asyncio.wait_for(published.get(), timeout=5)) for _ in range(3)]
        assert names == ["first", "second", "third"]
    finally:
        await bus.close()


def username_in(message: Message) -> str:
    payload = unwrap(message.body).payload
    assert isinstance(payload, UserRegistered)
    return payload.username
