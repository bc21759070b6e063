"""notifications handles a batch of events in one transaction, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from agora.events.v1.identity_pb2 import UserRegistered
from services.notifications.adapters.repository import PostgresNotificationRepository
from services.notifications.service import open_notifications
from services.notifications.service_layer import NotificationsService
from services.platform.context import Principal
from services.platform.events import Event, unwrap, wrap
from services.platform.outbox import outbox
from services.platform.settings import Settings


@pytest.fixture(params=["settings", "postgres_settings"], ids=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Settings:
    settings: Settings = request.getfixturevalue(request.param)
    return settings


@pytest.fixture
async def notifications(store: Settings) -> AsyncIterator[NotificationsService]:
    service, database = await open_notifications(store)
    yield service
    await database.close()


def registered(user_id: uuid.UUID, username: str) -> Event:
    return unwrap(
        wrap(UserRegistered(user_id=str(user_id), username=username), producer="identity").SerializeToString()
    )


def principal(user_id: uuid.UUID) -> Principal:
    return Principal(user_id=str(user_id), role="customer")


async def announced(service: NotificationsService) -> int:
    async with service.unit_of_work() as uow:
        return int((await uow.outbox.session.execute(select(func.count()).select_from(outbox))).scalar_one())


async def test_a_batch_numbers_each_users_notifications_in_order_and_handles_each_event_once(
    notifications: NotificationsService,
) -> None:
    ann, bob = uuid.uuid4(), uuid.uuid4()
    first, second, third = registered(ann, "ann"), registered(bob, "bob"), registered(ann, "ann-again")

    await notifications.on_events([first, second, first, third])
    await notifications.on_events([third, second])  # redelivered: no second effect

    ann_page = await notifications.list_notifications(principal(ann), 0, 10)
    bob_page = await notifications.list_notifications(principal(bob), 0, 10)
    assert [(n.sequence, n.data["username"]) for n in ann_page.notifications] == [(1, "ann"), (2, "ann-again")]
    assert [(n.sequence, n.data["username"]) for n in bob_page.notifications] == [(1, "bob")]
    assert await announced(notifications) == 3


async def test_concurrent_batches_for_the_same_users_never_share_a_sequence(
    notifications: NotificationsService,
) -> None:
    users = [uuid.uuid4() for _ in range(5)]
    batches = [[registered(user, f"u{n}") for user in users] for n in range(8)]

    await asyncio.gather(*(notifications.on_events(batch) for batch in batches))

    for user in users:
        page = await notifications.list_notifications(principal(user), 0, 100)
        assert [n.sequence for n in page.notifications] == list(range(1, 9))


async def test_a_notification_reads_back_as_it_was_made(notifications: NotificationsService) -> None:
    ann = uuid.uuid4()
    await notifications.on_events([registered(ann, 'ann ✓ "quoted"')])

    (notification,) = (await notifications.list_notifications(principal(ann), 0, 10)).notifications

    assert (notification.user_id, notification.sequence, notification.kind) == (ann, 1, "welcome")
    assert notification.data == {"username": 'ann ✓ "quoted"'}
    assert (notification.title, notification.body) == ('Welcome to Agora, ann ✓ "quoted"!', "Your account is ready.")
    assert notification.created_at.tzinfo is not None
    assert notification.read_at is None


async def test_on_postgresql_a_batch_writes_through_the_driver(postgres_settings: Settings) -> None:
    service, database = await open_notifications(postgres_settings)
    try:
        async with service.unit_of_work() as uow:
            assert isinstance(uow.notifications, PostgresNotificationRepository)
    finally:
        await database.close()
