"""My notifications: pages in the order they happened, and marking them read."""

from __future__ import annotations

from uuid import UUID

from agora_sdk import _endpoints as endpoints
from agora_sdk._generated.models import Notification, NotificationPage
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource


class Notifications(SyncAPIResource):
    def list(self, *, cursor: str | None = None, limit: int | None = None) -> NotificationPage:
        """One page of my notifications after `cursor` (a notification's `cursor`; omit it for the first)."""
        options = endpoints.list_notifications_request(cursor=cursor, limit=limit)
        return self._client.request(options, NotificationPage.from_dict)

    def mark_read(self, notification_id: UUID | str) -> Notification:
        """Marks one of my notifications read; marking it again changes nothing."""
        options = endpoints.mark_notification_read_request(notification_id)
        return self._client.request(options, Notification.from_dict)


class AsyncNotifications(AsyncAPIResource):
    async def list(self, *, cursor: str | None = None, limit: int | None = None) -> NotificationPage:
        """One page of my notifications after `cursor` (a notification's `cursor`; omit it for the first)."""
        options = endpoints.list_notifications_request(cursor=cursor, limit=limit)
        return await self._client.request(options, NotificationPage.from_dict)

    async def mark_read(self, notification_id: UUID | str) -> Notification:
        """Marks one of my notifications read; marking it again changes nothing."""
        options = endpoints.mark_notification_read_request(notification_id)
        return await self._client.request(options, Notification.from_dict)
