"""customers' event consumer: a paid order's products leave its owner's cart."""

from __future__ import annotations

import uuid

from agora.events.v1.orders_pb2 import OrderStatusChanged
from services.customers.service_layer import CustomersService
from services.platform.bus import Message, Subscription
from services.platform.events import unwrap

PAID = "PAID"


def subscriptions(service: CustomersService, namespace: str) -> list[Subscription]:
    async def on_order_status(message: Message) -> None:
        changed = unwrap(message.body).payload
        assert isinstance(changed, OrderStatusChanged)
        if changed.status == PAID:
            # Removing lines is idempotent by itself: a redelivery finds them gone.
            products = [uuid.UUID(item.product_id) for item in changed.items]
            await service.clear_ordered(uuid.UUID(changed.user_id), products)

    return [
        Subscription(
            queue=f"{namespace}.customers.orders",
            routing_keys=["orders.order_status_changed"],
            handler=on_order_status,
        )
    ]
