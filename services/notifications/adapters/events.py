"""notifications' outgoing events, as envelopes for the outbox."""

from __future__ import annotations

from agora.events.v1.envelope_pb2 import Envelope
from agora.events.v1.notifications_pb2 import NotificationCreated
from services.notifications.domain import Notification
from services.notifications.entrypoints.messages import notification_message
from services.platform.events import wrap

PRODUCER = "notifications"


def notification_created(notification: Notification, causation_id: str) -> Envelope:
    payload = NotificationCreated(notification=notification_message(notification))
    return wrap(payload, producer=PRODUCER, causation_id=causation_id)
