"""notifications' use cases: turn events into a user's notifications, list them in order, mark them read."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from agora.events.v1.identity_pb2 import UserRegistered
from services.notifications.adapters.events import notification_created
from services.notifications.adapters.unit_of_work import NotificationsUnitOfWork
from services.notifications.domain import Draft, Notification, NotificationNotFound, page_size, welcome
from services.platform.clock import Clock, utc_now
from services.platform.context import Principal
from services.platform.errors import Unauthenticated
from services.platform.events import Event
from services.platform.ids import uuid7

WELCOME_CONSUMER = "notifications.welcome"


@dataclass(frozen=True)
class Page:
    notifications: list[Notification]
    more: bool


def user_of(principal: Principal | None) -> uuid.UUID:
    if principal is None:
        raise Unauthenticated("notifications belong to a signed-in user")
    return uuid.UUID(principal.user_id)


class NotificationsService:
    def __init__(self, unit_of_work: Callable[[], NotificationsUnitOfWork], clock: Clock = utc_now) -> None:
        self.unit_of_work = unit_of_work
        self.clock = clock

    async def notify(self, uow: NotificationsUnitOfWork, draft: Draft, causation_id: str) -> Notification:
        """Stores the notification as the user's next, in the caller's transaction, and announces it."""
        sequence = await uow.notifications.next_sequence(draft.user_id)
        notification = Notification(
            uuid7(), draft.user_id, sequence, draft.kind, draft.title, draft.body, self.clock(), dict(draft.data)
        )
        await uow.notifications.add(notification)
        await uow.outbox.add(notification_created(notification, causation_id))
        return notification

    async def on_user_registered(self, event: Event) -> None:
        assert isinstance(event.payload, UserRegistered)
        async with self.unit_of_work() as uow:
            if not await uow.processed_events.first_time(WELCOME_CONSUMER, event.id):
                return
            await self.notify(uow, welcome(uuid.UUID(event.payload.user_id), event.payload.username), event.id)
            await uow.commit()

    async def list_notifications(self, principal: Principal | None, after_sequence: int, limit: int) -> Page:
        user_id, size = user_of(principal), page_size(limit)
        async with self.unit_of_work() as uow:
            found = await uow.notifications.after(user_id, max(after_sequence, 0), size + 1)
        return Page(found[:size], len(found) > size)

    async def mark_read(self, principal: Principal | None, notification_id: uuid.UUID) -> Notification:
        user_id = user_of(principal)
        async with self.unit_of_work() as uow:
            notification = await uow.notifications.get(user_id, notification_id)
            if notification is None:
                raise NotificationNotFound(f"no notification {notification_id}")
            read = notification.read(self.clock())
            await uow.notifications.save_read(read)
            await uow.commit()
        return read
