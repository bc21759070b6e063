"""On PostgreSQL a relay publishes rows committed by another process at once, not at its next poll."""

from __future__ import annotations

import asyncio

from agora.events.v1.identity_pb2 import UserRegistered
from services.identity.service import MIGRATIONS
from services.platform.bus import Message
from services.platform.bus.memory import MemoryBus
from services.platform.db import Database
from services.platform.events import wrap
from services.platform.outbox import OutboxRelay
from services.platform.settings import Settings
from services.platform.unit_of_work import UnitOfWork


async def test_a_commit_in_another_process_wakes_the_relay(postgres_settings: Settings):
    relay_side = Database(postgres_settings.database_url_for("identity"))
    await relay_side.prepare(MIGRATIONS)
    writer_side = Database(postgres_settings.database_url_for("identity"))  # as another process would have
    bus, published = MemoryBus(), asyncio.Queue[Message]()
    await bus.broadcast(["#"], published.put)
    relay = OutboxRelay(relay_side, bus, idle_seconds=60)  # far longer than the test waits
    relay.start()
    try:
        await asyncio.sleep(0.5)  # the listener is up and the start-up sweep is done
        async with UnitOfWork(writer_side) as uow:
            await uow.outbox.add(wrap(UserRegistered(user_id="u-1", username="far"), producer="identity"))
            await uow.commit()
        message = await asyncio.wait_for(published.get(), timeout=3)
        assert message.routing_key == "identity.user_registered"
    finally:
        await relay.stop()
        await bus.close()
        await writer_side.close()
        await relay_side.close()
