"""notifications' use cases: turn events into a user's notifications, list them in order, mark them read."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from agora.events.v1.identity_pb2 import UserRegistered
from agora.events.v1.orders_pb2 import OrderStatusChanged
from agora.events.v1.wallet_pb2 import TransferCompleted
from services.notifications import lending
from services.notifications.adapters.events import notification_created
from services.notifications.adapters.unit_of_work import NotificationsUnitOfWork
from services.notifications.domain import (
    Draft,
    Notification,
    NotificationNotFound,
    coins_received,
    order_status,
    welcome,
)
from services.platform.clock import Clock, utc_now
from services.platform.context import Principal
from services.platform.cursors import page_size
from services.platform.errors import Unauthenticated
from services.platform.events import Event
from services.platform.ids import uuid7

CONSUMER = "notifications"
"""The name notifications records handled events under."""


def _welcome(event: Event) -> list[Draft]:
    assert isinstance(event.payload, UserRegistered)
    return [welcome(uuid.UUID(event.payload.user_id), event.payload.username)]


def _transfer_received(event: Event) -> list[Draft]:
    transfer = event.payload
    assert isinstance(transfer, TransferCompleted)
    amount = transfer.amount
    recipient = uuid.UUID(transfer.to_user_id)
    return [coins_received(recipient, transfer.from_username, amount.amount, amount.currency, transfer.transaction_id)]


def _order_status(event: Event) -> list[Draft]:
    changed = event.payload
    assert isinstance(changed, OrderStatusChanged)
    return [order_status(uuid.UUID(changed.user_id), changed.order_id, changed.status, changed.reason)]


NOTIFYING_EVENTS: dict[str, Callable[[Event], list[Draft]]] = {
    "identity.user_registered": _welcome,
    "wallet.transfer_completed": _transfer_received,
    "orders.order_status_changed": _order_status,
    "credit.application_status_changed": lending.assessment,
    "credit.offer_status_changed": lending.offer,
    "credit.loan_status_changed": lending.loan,
    "credit.payment_status_changed": lending.payment,
}
"""The events that become notifications, and the notifications each becomes."""


def drafts_for(event: Event) -> list[Draft]:
    return NOTIFYING_EVENTS[event.envelope.type](event)


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

    async def notify(self, uow: NotificationsUnitOfWork, drafts: Sequence[tuple[Draft, str]]) -> list[Notification]:
        """Stores each draft (with the id of the event that caused it) as its user's next notification, in the
        caller's transaction, and announces them."""
        counts = Counter(draft.user_id for draft, _ in drafts)
        last_sequences = await uow.notifications.take_sequences(counts)
        next_sequences = {user_id: last_sequences[user_id] - count for user_id, count in counts.items()}
        now = self.clock()
        created, announcements = [], []
        for draft, causation_id in drafts:
            next_sequences[draft.user_id] += 1
            notification = Notification(
                uuid7(),
                draft.user_id,
                next_sequences[draft.user_id],
                draft.kind,
                draft.title,
                draft.body,
                now,
                dict(draft.data),
            )
            created.append(notification)
            announcements.append(notification_created(notification, causation_id))
        await uow.notifications.add(*created)
        await uow.outbox.add(*announcements)
        return created

    async def on_events(self, events: Sequence[Event]) -> None:
        """Turns the events meant for users into their notifications, in one transaction, each event once."""
        distinct = {event.id: event for event in events}
        async with self.unit_of_work() as uow:
            first_seen = await uow.processed_events.first_times(CONSUMER, list(distinct))
            drafts = [
                (draft, event.id)
                for event in distinct.values()
                if event.id in first_seen
                for draft in drafts_for(event)
            ]
            await self.notify(uow, drafts)
            await uow.commit()

    async def list_notifications(self, principal: Principal | None, after_sequence: int, limit: int) -> Page:
        user_id, size = user_of(principal), page_size(limit, default=50)
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
