"""My notifications: pages in the order they happened, and marking them read."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from typing import Unpack
from uuid import UUID

from agora_sdk import _endpoints as endpoints
from agora_sdk._generated.models import Notification, NotificationPage
from agora_sdk._options import CallOptions, MutationOptions
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource
from agora_sdk._stream import ReconnectHook, ReconnectPolicy
from agora_sdk._stream_loops import astream_notifications, stream_notifications

DEFAULT_RECONNECT_POLICY = ReconnectPolicy()


class Notifications(SyncAPIResource):
    def stream(
        self,
        *,
        cursor: str = "0",
        reconnect_policy: ReconnectPolicy = DEFAULT_RECONNECT_POLICY,
        on_reconnect: ReconnectHook | None = None,
        **per_call: Unpack[CallOptions],
    ) -> Generator[Notification, None, None]:
        """My notifications after `cursor`, then live, over the WebSocket; reconnects and resumes by itself.

        `for notification in client.notifications.stream(cursor=last_seen): ...`; `close()` it to hang up. After a
        lost connection it reconnects as `reconnect_policy` allows (by default 10 times in a row, waiting 0.5 s
        doubling up to 10 s), telling `on_reconnect` first, and resumes after the last notification it yielded;
        when the policy gives up it raises StreamDisconnectedError. An expired access token is refreshed before
        reconnecting when a refresh token is held. A refusal no reconnect can fix raises StreamError.
        """
        return stream_notifications(self._client, cursor, reconnect_policy, on_reconnect, per_call)

    def list(
        self, *, cursor: str | None = None, limit: int | None = None, **per_call: Unpack[CallOptions]
    ) -> NotificationPage:
        """One page of my notifications after `cursor` (a notification's `cursor`; omit it for the first)."""
        options = endpoints.list_notifications_request(cursor=cursor, limit=limit)
        return self._client.request(options, NotificationPage.from_dict, **per_call)

    def mark_read(self, notification_id: UUID | str, **per_call: Unpack[MutationOptions]) -> Notification:
        """Marks one of my notifications read; marking it again changes nothing."""
        options = endpoints.mark_notification_read_request(notification_id)
        return self._client.request(options, Notification.from_dict, **per_call)


class AsyncNotifications(AsyncAPIResource):
    def stream(
        self,
        *,
        cursor: str = "0",
        reconnect_policy: ReconnectPolicy = DEFAULT_RECONNECT_POLICY,
        on_reconnect: ReconnectHook | None = None,
        **per_call: Unpack[CallOptions],
    ) -> AsyncGenerator[Notification, None]:
        """My notifications after `cursor`, then live, over the WebSocket; reconnects and resumes by itself.

        `async for notification in client.notifications.stream(cursor=last_seen): ...`; `aclose()` it to hang up.
        It behaves as the blocking client's `stream`; `on_reconnect` is called in the event loop, so it must not
        block.
        """
        return astream_notifications(self._client, cursor, reconnect_policy, on_reconnect, per_call)

    async def list(
        self, *, cursor: str | None = None, limit: int | None = None, **per_call: Unpack[CallOptions]
    ) -> NotificationPage:
        """One page of my notifications after `cursor` (a notification's `cursor`; omit it for the first)."""
        options = endpoints.list_notifications_request(cursor=cursor, limit=limit)
        return await self._client.request(options, NotificationPage.from_dict, **per_call)

    async def mark_read(self, notification_id: UUID | str, **per_call: Unpack[MutationOptions]) -> Notification:
        """Marks one of my notifications read; marking it again changes nothing."""
        options = endpoints.mark_notification_read_request(notification_id)
        return await self._client.request(options, Notification.from_dict, **per_call)
