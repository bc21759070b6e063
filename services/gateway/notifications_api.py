"""agora.v1's notifications operations, served by calling notifications over gRPC."""

from __future__ import annotations

import uuid
from datetime import UTC

from agora.notifications.v1 import notifications_pb2 as pb
from agora.rest.agora_v1 import models
from agora.rest.agora_v1.server import NotificationsApi
from services.gateway.connections import Connections
from services.platform.context import Principal
from services.platform.grpc_client import Caller


def notification_model(notification: pb.Notification) -> models.Notification:
    return models.Notification(
        id=uuid.UUID(notification.id),
        cursor=str(notification.sequence),
        kind=notification.kind,
        title=notification.title,
        body=notification.body,
        data=dict(notification.data),
        created_at=notification.created_at.ToDatetime(tzinfo=UTC),
        read_at=notification.read_at.ToDatetime(tzinfo=UTC) if notification.HasField("read_at") else None,
    )


class NotificationsApiOverGrpc(NotificationsApi):
    def __init__(self, connections: Connections, call: Caller) -> None:
        self.connections = connections
        self.call = call

    async def list_notifications(
        self, *, cursor: str | None, limit: int, principal: Principal
    ) -> models.NotificationPage:
        request = pb.ListNotificationsRequest(after_sequence=int(cursor or 0), limit=limit)
        reply = await self.call(self.connections.notifications.ListNotifications, request, principal=principal)
        items = [notification_model(n) for n in reply.notifications]
        return models.NotificationPage(items=items, next_cursor=items[-1].cursor if reply.more else None)

    async def mark_notification_read(self, *, notification_id: uuid.UUID, principal: Principal) -> models.Notification:
        request = pb.MarkNotificationReadRequest(notification_id=str(notification_id))
        reply = await self.call(self.connections.notifications.MarkNotificationRead, request, principal=principal)
        return notification_model(reply.notification)
