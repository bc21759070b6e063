"""GraphQL subscriptions: a user's notifications (replay after a cursor, then live, each once and in order, as on
/v1/ws) and one order's changes, both fed by the gateway's LiveHub."""

from __future__ import annotations

import asyncio
import uuid
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from agora.graphql.agora import server as contract
from agora.notifications.v1 import notifications_pb2 as pb
from agora.rest.agora_v1 import models
from services.gateway.graphql.codes import NOT_FOUND, TOO_MANY_REQUESTS, refusal
from services.gateway.graphql.context import Info, context_of
from services.gateway.graphql.errors import queried
from services.gateway.graphql.ids import id_of
from services.gateway.live import FetchAfter, LiveHub, NotificationFeed, SlowConsumer
from services.gateway.notifications_api import notification_model
from services.platform.context import Principal

ORDER_STATUS_KIND = "order_status"
FINAL_STATUSES = {models.OrderStatus.DELIVERED, models.OrderStatus.CANCELLED, models.OrderStatus.COMPENSATION_FAILED}


@dataclass(frozen=True)
class Live:
    """What subscriptions listen through: the hub, how to read a user's stored notifications, the queue bound."""

    hub: LiveHub
    fetch_after_for: Callable[[Principal], FetchAfter]
    queue_size: int


class Mailbox:
    """A subscription's bounded queue: when the client stops reading it fills, and the subscription ends."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: deque[pb.Notification] = deque()
        self._arrived = asyncio.Event()
        self.overflowed = False

    def put(self, notification: pb.Notification) -> None:
        if len(self._items) >= self.size:
            self.overflowed = True
            self._arrived.set()
            raise SlowConsumer("the subscriber stopped reading")
        self._items.append(notification)
        self._arrived.set()

    async def get(self) -> pb.Notification:
        while not self._items:
            if self.overflowed:
                raise refusal("the subscriber stopped reading", "slow_consumer", TOO_MANY_REQUESTS)
            self._arrived.clear()
            await self._arrived.wait()
        return self._items.popleft()


def cursor_of(after: str | None) -> int:
    if after is None:
        return 0
    if not after.isdigit() or len(after) > 18:
        raise refusal(f"{after!r} is not a notification cursor", "invalid_cursor")
    return int(after)


class OrderChanges:
    """Hears the notifications of one order's status changes."""

    def __init__(self, user_id: str, order_id: uuid.UUID, mailbox: Mailbox) -> None:
        self.user_id = user_id
        self.order_id = str(order_id)
        self.mailbox = mailbox

    async def offer(self, notification: pb.Notification) -> None:
        if notification.kind == ORDER_STATUS_KIND and notification.data.get("order_id") == self.order_id:
            self.mailbox.put(notification)


class SubscriptionResolvers(contract.SubscriptionResolvers):
    def __init__(self, live: Live) -> None:
        self.live = live

    async def notification_received(
        self, parent: Any, info: Info, *, after: str | None = None
    ) -> AsyncIterator[models.Notification]:
        principal = context_of(info).signed_in()
        start = cursor_of(after)
        mailbox = Mailbox(self.live.queue_size)
        feed = NotificationFeed(principal.user_id, self.live.fetch_after_for(principal), mailbox.put)
        self.live.hub.add(feed)
        try:
            await feed.start(start)
            while True:
                yield notification_model(await mailbox.get())
        finally:
            self.live.hub.remove(feed)

    async def order_updated(self, parent: Any, info: Info, *, id: str) -> AsyncIterator[models.Order]:
        context = context_of(info)
        principal = context.signed_in()
        order_id = id_of("Order", id)
        mailbox = Mailbox(self.live.queue_size)
        listener = OrderChanges(principal.user_id, order_id, mailbox)
        self.live.hub.add(listener)  # before the first read, so no change falls between the two
        try:
            last_seen: tuple[Any, ...] | None = None
            while True:
                order = await queried(context.apis.orders.get_order(order_id=order_id, principal=principal))
                if order is None:
                    raise refusal(f"no order {id}", "order_not_found", NOT_FOUND)
                if (order.status, order.updated_at) != last_seen:
                    last_seen = (order.status, order.updated_at)
                    yield order
                if order.status in FINAL_STATUSES:
                    return
                await mailbox.get()
        finally:
            self.live.hub.remove(listener)
