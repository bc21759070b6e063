"""Committed events reach notifications with one effect each: after crashes, redeliveries, drops and many relays."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from agora.events.v1.identity_pb2 import UserRegistered
from services.identity.adapters.events import user_registered
from services.identity.adapters.unit_of_work import IdentityUnitOfWork
from services.identity.domain import Role, User
from services.identity.service import open_identity
from services.notifications.adapters.orm import notifications
from services.notifications.entrypoints.consumer import subscriptions
from services.notifications.service import open_notifications
from services.notifications.service_layer import NotificationsService
from services.platform.bus import Handler, Message
from services.platform.bus.rabbitmq import RabbitMqBus
from services.platform.clock import utc_now
from services.platform.context import Principal
from services.platform.db import Database
from services.platform.events import to_message
from services.platform.ids import uuid7
from services.platform.outbox import OutboxRelay
from services.platform.settings import Settings
from tests.integration.events_support import (
    BrokerLink,
    IdentityProcess,
    close_all_broker_connections,
    eventually,
    free_port,
    outbox_events,
    outbox_size,
    with_port,
)
from tests.support import drop_event_namespace

USER_REGISTERED = "identity.user_registered"
PASSWORD = "correct-horse-battery"


@dataclass
class Consumer:
    """notifications' event consumer running in this process, on its own PostgreSQL database."""

    service: NotificationsService
    database: Database
    bus: RabbitMqBus
    # Message ids whose handling finished (with or without an effect), in order.
    handled: list[str]

    async def kinds_for(self, user_id: str) -> list[str]:
        page = await self.service.list_notifications(Principal(user_id=user_id, role="customer"), 0, 100)
        return [notification.kind for notification in page.notifications]

    async def notification_count(self) -> int:
        async with self.database.transaction() as session:
            return int((await session.execute(select(func.count()).select_from(notifications))).scalar_one())

    def times_handled(self, event_id: str) -> int:
        return self.handled.count(event_id)


def counting(handler: Handler, handled: list[str]) -> Handler:
    async def handle(message: Message) -> None:
        await handler(message)
        handled.append(message.message_id)

    return handle


def new_user(username: str) -> User:
    return User(uuid7(), username, Role.CUSTOMER, "not-a-password-hash", utc_now())


@pytest.fixture
async def namespace(rabbitmq_url: str) -> AsyncIterator[str]:
    name = f"agora_test_{uuid.uuid4().hex[:12]}"
    yield name
    await drop_event_namespace(rabbitmq_url, name)


@pytest.fixture
def platform(postgres_settings: Settings, rabbitmq_url: str, namespace: str) -> Settings:
    """Fresh PostgreSQL databases per service and an event namespace of this test alone."""
    return postgres_settings.model_copy(update={"amqp_url": rabbitmq_url, "event_namespace": namespace})


@pytest.fixture
async def buses(rabbitmq_url: str, namespace: str) -> AsyncIterator[Callable[[], RabbitMqBus]]:
    """Opens buses on the test's exchange, as separate processes would have; closes them afterwards."""
    opened: list[RabbitMqBus] = []

    def open_bus() -> RabbitMqBus:
        bus = RabbitMqBus(rabbitmq_url, exchange=f"{namespace}.events", reconnect_interval=0.2, publish_timeout=5)
        opened.append(bus)
        return bus

    yield open_bus
    for bus in opened:
        await bus.close()


@pytest.fixture
async def consumer(platform: Settings, buses: Callable[[], RabbitMqBus]) -> AsyncIterator[Consumer]:
    service, database = await open_notifications(platform)
    bus = buses()
    handled: list[str] = []
    for subscription in subscriptions(service, platform.event_namespace):
        await bus.subscribe(replace(subscription, handler=counting(subscription.handler, handled)))
    yield Consumer(service, database, bus, handled)
    await bus.close()  # before the database, so that no handler outlives it
    await database.close()


async def test_an_event_committed_before_a_crash_is_delivered_once_after_restart(
    platform: Settings, rabbitmq_url: str, consumer: Consumer, tmp_path: Path
) -> None:
    # identity starts through a link to the broker that is then cut: from then on nothing listens at its AMQP
    # address, its relay cannot publish, and the event waits in the outbox.
    link = BrokerLink(rabbitmq_url)
    await link.open()
    crashed = IdentityProcess(platform, link.url, tmp_path / "identity-crashed.log")
    restarted = IdentityProcess(platform, rabbitmq_url, tmp_path / "identity-restarted.log")
    identity_database = Database(platform.database_url_for("identity"))
    try:
        await crashed.start()
        await crashed.until_serving()
        await link.cut()

        user_id = await crashed.register("survivor", PASSWORD)
        await crashed.kill()

        waiting = await outbox_events(identity_database)
        assert [event.envelope.type for event in waiting] == [USER_REGISTERED]
        assert isinstance(waiting[0].payload, UserRegistered)
        assert (waiting[0].payload.user_id, waiting[0].payload.username) == (user_id, "survivor")
        assert await consumer.kinds_for(user_id) == []

        await restarted.start()

        async def delivered() -> bool:
            if restarted.exited():
                pytest.fail(f"identity exited after restart: {restarted.log_tail()}")
            return await consumer.notification_count() >= 1 and await outbox_size(identity_database) == 0

        await eventually(delivered, "the welcome after restart")
        assert await consumer.kinds_for(user_id) == ["welcome"]
        assert await consumer.notification_count() == 1
        assert await outbox_size(identity_database) == 0
    finally:
        await crashed.kill()
        await restarted.stop()
        await link.cut()
        await identity_database.close()


async def test_identity_accepts_registrations_while_the_broker_is_unreachable(
    platform: Settings, rabbitmq_url: str, tmp_path: Path
) -> None:
    identity = IdentityProcess(platform, with_port(rabbitmq_url, free_port()), tmp_path / "identity.log")
    identity_database = Database(platform.database_url_for("identity"))
    try:
        await identity.start()
        await identity.until_serving()
        user_id = await identity.register("early-bird", PASSWORD)
        waiting = await outbox_events(identity_database)
        assert [event.envelope.type for event in waiting] == [USER_REGISTERED]
        assert isinstance(waiting[0].payload, UserRegistered)
        assert waiting[0].payload.user_id == user_id
    finally:
        await identity.kill()
        await identity_database.close()


async def test_the_same_event_delivered_twice_has_one_effect(
    consumer: Consumer, buses: Callable[[], RabbitMqBus]
) -> None:
    publisher = buses()
    user = new_user("twice")
    envelope = user_registered(user)

    await publisher.publish([to_message(envelope), to_message(envelope)])

    async def both_handled() -> bool:
        return consumer.times_handled(envelope.event_id) == 2

    await eventually(both_handled, "both copies handled")
    assert await consumer.kinds_for(str(user.id)) == ["welcome"]

    await publisher.publish([to_message(envelope)])

    async def third_handled() -> bool:
        return consumer.times_handled(envelope.event_id) == 3

    await eventually(third_handled, "the late copy handled")
    assert await consumer.kinds_for(str(user.id)) == ["welcome"]
    assert await consumer.notification_count() == 1


async def test_registrations_survive_a_broker_connection_drop(
    platform: Settings, consumer: Consumer, buses: Callable[[], RabbitMqBus]
) -> None:
    identity, _keys, database = await open_identity(platform)
    relay = OutboxRelay(database, buses(), idle_seconds=0.2)
    relay.start()
    registered: list[User] = []
    dropped = asyncio.Event()

    async def register(index: int) -> None:
        if index < 30:
            await asyncio.sleep(index * 0.03)
        else:  # a burst while both buses reconnect
            await dropped.wait()
        registered.append(await identity.register(f"crowd-{index}", PASSWORD))

    async def drop_connections_midway() -> None:
        async def some_registered() -> bool:
            return len(registered) >= 10

        await eventually(some_registered, "the first registrations")
        await close_all_broker_connections()
        dropped.set()

    try:
        await asyncio.gather(drop_connections_midway(), *(register(index) for index in range(40)))

        async def all_welcomed() -> bool:
            return await consumer.notification_count() >= 40 and await outbox_size(database) == 0

        await eventually(all_welcomed, "a welcome for every registration", timeout=30)
        for user in registered:
            assert await consumer.kinds_for(str(user.id)) == ["welcome"], user.username
        assert await consumer.notification_count() == 40
    finally:
        await relay.stop()
        await database.close()


async def test_several_relays_publish_each_row_once(
    platform: Settings, consumer: Consumer, buses: Callable[[], RabbitMqBus]
) -> None:
    _identity, _keys, database = await open_identity(platform)
    other_database = Database(platform.database_url_for("identity"))
    users = [new_user(f"backlog-{index}") for index in range(300)]
    event_ids: list[str] = []
    async with IdentityUnitOfWork(database) as uow:
        for user in users:
            envelope = user_registered(user)
            event_ids.append(envelope.event_id)
            await uow.users.add(user)
            await uow.outbox.add(envelope)
        await uow.commit()

    published: list[str] = []

    async def record(message: Message) -> None:
        published.append(message.message_id)

    await consumer.bus.broadcast([USER_REGISTERED], record)
    # Two processes' relays: each its own connection pool and broker connection.
    relays = [
        OutboxRelay(database, buses(), batch_size=10),
        OutboxRelay(other_database, buses(), batch_size=10),
    ]

    async def drain(relay: OutboxRelay) -> int:
        rows = 0
        while True:
            batch = await relay.publish_pending()
            rows += batch
            if batch == 0:
                if await outbox_size(relay.database) == 0:
                    return rows
                await asyncio.sleep(0.01)

    try:
        async with asyncio.timeout(20):
            rows_per_relay = await asyncio.gather(*(drain(relay) for relay in relays))
        assert all(rows > 0 for rows in rows_per_relay), rows_per_relay
        assert sum(rows_per_relay) == len(users)
        assert await outbox_size(database) == 0

        async def all_heard() -> bool:
            return len(published) >= len(users) and await consumer.notification_count() >= len(users)

        await eventually(all_heard, "every event heard and handled")
        await asyncio.sleep(0.2)  # time for a second copy of anything to arrive
        assert set(published) == set(event_ids)
        assert {event_id: n for event_id, n in Counter(published).items() if n > 1} == {}
        assert set(event_ids) <= set(consumer.handled)
        assert await consumer.notification_count() == len(users)
        for user in users:
            assert await consumer.kinds_for(str(user.id)) == ["welcome"], user.username
    finally:
        await other_database.close()
        await database.close()
