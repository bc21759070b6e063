"""notifications' gRPC servicer: translates protobuf to use-case calls and back, nothing more."""

from __future__ import annotations

from typing import Any

from agora.notifications.v1 import notifications_pb2 as pb
from agora.notifications.v1 import notifications_pb2_grpc as pb_grpc
from services.notifications.domain import NotificationNotFound
from services.notifications.entrypoints.messages import notification_message
from services.notifications.service_layer import NotificationsService
from services.platform.grpc_server import Servicer, principal_of_call
from services.platform.ids import id_named

Context = Any


class NotificationsServicer(pb_grpc.NotificationsServiceServicer):
    def __init__(self, service: NotificationsService) -> None:
        self.service = service

    async def ListNotifications(
        self, request: pb.ListNotificationsRequest, context: Context
    ) -> pb.ListNotificationsResponse:
        page = await self.service.list_notifications(principal_of_call(), request.after_sequence, request.limit)
        return pb.ListNotificationsResponse(
            notifications=[notification_message(n) for n in page.notifications], more=page.more
        )

    async def MarkNotificationRead(
        self, request: pb.MarkNotificationReadRequest, context: Context
    ) -> pb.MarkNotificationReadResponse:
        notification_id = id_named(request.notification_id, "notification", NotificationNotFound)
        read = await self.service.mark_read(principal_of_call(), notification_id)
        return pb.MarkNotificationReadResponse(notification=notification_message(read))


def notifications_servicer(service: NotificationsService) -> Servicer:
    return Servicer(
        NotificationsServicer(service),
        pb_grpc.add_NotificationsServiceServicer_to_server,
        pb.DESCRIPTOR.services_by_name["NotificationsService"].full_name,
    )
