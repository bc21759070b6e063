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
from services.gateway.graphql.loaders import Loads
from services.gateway.live import FetchAfter, LiveHub, NotificationFeed, SlowConsumer
from services.gateway.notifications_api import notification_model
from services.platform.context import Principal

ORDER_STATUS_KIND = "order_status"
APPLICATION_KINDS = {"credit_assessment", "credit_application_withdrawn", "credit_offer"}
"""The notifications of an application's changes: assessed, withdrawn, and its offers' (an acceptance approves it)."""
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


def fresh_loads(info: Info) -> None:
    """Each event of a subscription is resolved with DataLoaders of its own: what the last one read may be stale."""
    context_of(info).loads = Loads()


def cursor_of(after: str | None) -> int:
    if after is None:
        return 0
    if not after.isdigit() or len(after) > 18:
        raise refusal(f"{after!r} is not a notification cursor", "invalid_cursor")
    return int(after)


@dataclass(eq=False)
class Heard:
    """Puts the user's notifications that `wanted` picks into the mailbox."""

    user_id: str
    wanted: Callable[[pb.Notification], bool]
    mailbox: Mailbox

    async def offer(self, notification: pb.Notification) -> None:
        if self.wanted(notification):
            self.mailbox.put(notification)


def about_order(order_id: uuid.UUID) -> Callable[[pb.Notification], bool]:
    return lambda n: n.kind == ORDER_STATUS_KIND and n.data.get("order_id") == str(order_id)


def about_application(application_id: uuid.UUID) -> Callable[[pb.Notification], bool]:
    return lambda n: n.kind in APPLICATION_KINDS and n.data.get("application_id") == str(application_id)


def offer_proposed(notification: pb.Notification) -> bool:
    return notification.kind == "credit_offer" and notification.data.get("status") == "PROPOSED"


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
                notification = await mailbox.get()
                fresh_loads(info)
                yield notification_model(notification)
        finally:
            self.live.hub.remove(feed)

    async def order_updated(self, parent: Any, info: Info, *, id: str) -> AsyncIterator[models.Order]:
        context = context_of(info)
        principal = context.signed_in()
        order_id = id_of("Order", id)
        mailbox = Mailbox(self.live.queue_size)
        listener = Heard(principal.user_id, about_order(order_id), mailbox)
        self.live.hub.add(listener)  # before the first read, so no change falls between the two
        try:
            last_seen: tuple[Any, ...] | None = None
            while True:
                order = await queried(context.apis.orders.get_order(order_id=order_id, principal=principal))
                if order is None:
                    raise refusal(f"no order {id}", "order_not_found", NOT_FOUND)
                if (order.status, order.updated_at) != last_seen:
                    last_seen = (order.status, order.updated_at)
                    fresh_loads(info)
                    yield order
                if order.status in FINAL_STATUSES:
                    return
                await mailbox.get()
        finally:
            self.live.hub.remove(listener)

    async def assessment_updated(
        self, parent: Any, info: Info, *, application_id: str
    ) -> AsyncIterator[models.CreditApplication]:
        context = context_of(info)
        principal = context.signed_in()
        wanted = id_of("CreditApplication", application_id)
        mailbox = Mailbox(self.live.queue_size)
        listener = Heard(principal.user_id, about_application(wanted), mailbox)
        self.live.hub.add(listener)  # before the first read, so no change falls between the two
        try:
            last_seen: tuple[Any, ...] | None = None
            while True:
                application = await queried(
                    context.apis.credit.get_credit_application(application_id=wanted, principal=principal)
                )
                if application is None:
                    raise refusal(f"no application {application_id}", "application_not_found", NOT_FOUND)
                seen = (application.status, application.active, application.revision, application.updated_at,
                        application.assessment is not None, application.current_offer_id)  # fmt: skip
                if seen != last_seen:
                    last_seen = seen
                    fresh_loads(info)
                    yield application
                if application.status is not models.ApplicationStatus.REVIEWING or not application.active:
                    return
                await mailbox.get()
        finally:
            self.live.hub.remove(listener)

    async def offer_proposed(
        self, parent: Any, info: Info, *, after: str | None = None
    ) -> AsyncIterator[models.CreditOffer]:
        context = context_of(info)
        principal = context.signed_in()
        mailbox = Mailbox(self.live.queue_size)

        def put(notification: pb.Notification) -> None:
            if offer_proposed(notification):
                mailbox.put(notification)

        start = cursor_of(after) if after is not None else None
        listener: NotificationFeed | Heard = (
            Heard(principal.user_id, offer_proposed, mailbox)  # live ones only
            if start is None
            else NotificationFeed(principal.user_id, self.live.fetch_after_for(principal), put)
        )
        self.live.hub.add(listener)
        try:
            if isinstance(listener, NotificationFeed) and start is not None:
                await listener.start(start)
            while True:
                told = await mailbox.get()
                application_id = uuid.UUID(told.data["application_id"])
                offers = await queried(
                    context.apis.credit.list_credit_offers(application_id=application_id, principal=principal)
                )
                offer = next((o for o in offers.items if str(o.id) == told.data["offer_id"]), None) if offers else None
                if offer is not None:
                    fresh_loads(info)
                    yield offer
        finally:
            self.live.hub.remove(listener)
