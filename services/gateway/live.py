"""Live notifications: every gateway hears every NotificationCreated and hands it to its user's sockets."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from agora.events.v1.notifications_pb2 import NotificationCreated
from agora.notifications.v1 import notifications_pb2 as pb
from services.gateway.notifications_api import notification_model
from services.platform.bus import Message
from services.platform.events import unwrap

log = logging.getLogger(__name__)

LIVE_ROUTING_KEYS = ["notifications.notification_created"]
REPLAY_PAGE = 100

# Fetches the socket's user's stored notifications after a sequence: (notifications, whether more follow).
FetchAfter = Callable[[int], Awaitable[tuple[list[pb.Notification], bool]]]


class SlowConsumer(Exception):
    """The client stopped reading: its bounded send queue is full."""


def notification_frame(notification: pb.Notification) -> dict[str, Any]:
    model = notification_model(notification)
    return {
        "type": "notification",
        "topic": "notifications",
        "cursor": model.cursor,
        "notification": model.model_dump(mode="json", exclude_none=True),
    }


class NotificationFeed:
    """One socket's subscription to its user's notifications: replay after a cursor, then live, in order.

    Every notification has a per-user sequence without gaps, so the feed sends each exactly once and in
    order: it drops what it has sent, and when a live one skips ahead it fetches the missing ones first.
    """

    def __init__(self, user_id: str, fetch_after: FetchAfter, send: Callable[[pb.Notification], None]) -> None:
        self.user_id = user_id
        self.fetch_after = fetch_after
        self.send = send
        self.last_sent = 0
        self._lock = asyncio.Lock()

    async def start(self, cursor: int) -> None:
        async with self._lock:
            self.last_sent = cursor
            await self._catch_up()

    async def offer(self, notification: pb.Notification) -> None:
        async with self._lock:
            if notification.sequence <= self.last_sent:
                return
            if notification.sequence > self.last_sent + 1:
                await self._catch_up()
                return
            self._send(notification)

    async def _catch_up(self) -> None:
        more = True
        while more:
            found, more = await self.fetch_after(self.last_sent)
            for notification in found:
                if notification.sequence > self.last_sent:
                    self._send(notification)
            more = more and bool(found)

    def _send(self, notification: pb.Notification) -> None:
        self.send(notification)
        self.last_sent = notification.sequence


class Listener(Protocol):
    """Something that hears one user's new notifications: a feed, or a GraphQL subscription's filter."""

    user_id: str

    async def offer(self, notification: pb.Notification) -> None: ...


class LiveHub:
    """This gateway's subscribed listeners, by user; fed by the bus's broadcast of new notifications."""

    def __init__(self) -> None:
        self._feeds: dict[str, set[Listener]] = defaultdict(set)

    def add(self, feed: Listener) -> None:
        self._feeds[feed.user_id].add(feed)

    def remove(self, feed: Listener) -> None:
        feeds = self._feeds.get(feed.user_id)
        if feeds is not None:
            feeds.discard(feed)
            if not feeds:
                del self._feeds[feed.user_id]

    @property
    def connected_users(self) -> int:
        return len(self._feeds)

    async def on_message(self, message: Message) -> None:
        event = unwrap(message.body)
        assert isinstance(event.payload, NotificationCreated)
        notification = event.payload.notification
        for feed in list(self._feeds.get(notification.user_id, ())):
            try:
                await feed.offer(notification)
            except SlowConsumer:
                self.remove(feed)
            except Exception:
                log.exception("could not deliver notification %s live", notification.id)
