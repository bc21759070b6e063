"""My notifications: pages in the order they happened, and marking them read."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Unpack
from uuid import UUID

from agora_sdk import _endpoints as endpoints
from agora_sdk._generated.models import Notification, NotificationPage
from agora_sdk._options import CallOptions, MutationOptions
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource
from agora_sdk._stream import stream_notifications


class Notifications(SyncAPIResource):
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
        self, *, cursor: str = "0", initial_reconnect_delay: float = 0.2, max_reconnect_delay: float = 10.0
    ) -> AsyncGenerator[Notification, None]:
        """My notifications after `cursor`, then live, over the WebSocket; reconnects and resumes by itself.

        `async for notification in client.notifications.stream(cursor=last_seen): ...`
        """
        return stream_notifications(
            self._client, cursor, initial_delay=initial_reconnect_delay, max_delay=max_reconnect_delay
        )

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
