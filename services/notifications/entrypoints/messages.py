"""Translations between notifications' domain and its protobuf messages."""

from __future__ import annotations

from agora.notifications.v1 import notifications_pb2 as pb
from services.notifications.domain import Notification


def notification_message(notification: Notification) -> pb.Notification:
    message = pb.Notification(
        id=str(notification.id),
        user_id=str(notification.user_id),
        sequence=notification.sequence,
        kind=notification.kind,
        title=notification.title,
        body=notification.body,
        data=notification.data,
    )
    message.created_at.FromDatetime(notification.created_at)
    if notification.read_at is not None:
        message.read_at.FromDatetime(notification.read_at)
    return message
