"""notifications' event consumer: the events it hears, handled together as they arrive."""

from __future__ import annotations

from collections.abc import Sequence

from services.notifications.service_layer import NOTIFYING_EVENTS, NotificationsService
from services.platform.bus import Message, Subscription
from services.platform.bus.batching import batched
from services.platform.events import unwrap

MAX_BATCH = 128


def subscriptions(service: NotificationsService, namespace: str) -> list[Subscription]:
    async def on_messages(messages: Sequence[Message]) -> None:
        await service.on_events([unwrap(message.body) for message in messages])

    return [
        Subscription(
            queue=f"{namespace}.notifications.user-events",
            routing_keys=list(NOTIFYING_EVENTS),
            handler=batched(on_messages, MAX_BATCH),
            # Deliveries in flight while a batch is handled form the next one.
            prefetch=2 * MAX_BATCH,
        )
    ]
