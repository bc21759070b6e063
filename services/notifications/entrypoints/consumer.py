"""notifications' event consumer: which events it hears and which use case each one drives."""

from __future__ import annotations

from services.notifications.service_layer import NotificationsService
from services.platform.bus import Message, Subscription
from services.platform.events import unwrap


def subscriptions(service: NotificationsService, namespace: str) -> list[Subscription]:
    handlers = {"identity.user_registered": service.on_user_registered}

    async def on_message(message: Message) -> None:
        event = unwrap(message.body)
        await handlers[event.envelope.type](event)

    return [
        Subscription(queue=f"{namespace}.notifications.user-events", routing_keys=list(handlers), handler=on_message)
    ]
