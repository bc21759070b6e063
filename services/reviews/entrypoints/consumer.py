"""reviews' event consumer: orders' status changes, which say who bought what."""

from __future__ import annotations

import uuid

from agora.events.v1.orders_pb2 import OrderStatusChanged
from services.platform.bus import Message, Subscription
from services.platform.events import unwrap
from services.reviews.domain import CANCELLED_STATUSES, PAID_STATUSES, PurchaseState
from services.reviews.service_layer import ReviewsService


def subscriptions(service: ReviewsService, namespace: str) -> list[Subscription]:
    async def on_order_status(message: Message) -> None:
        changed = unwrap(message.body).payload
        assert isinstance(changed, OrderStatusChanged)
        if changed.status in PAID_STATUSES:
            state = PurchaseState.PAID
        elif changed.status in CANCELLED_STATUSES:
            state = PurchaseState.CANCELLED
        else:
            return
        products = [uuid.UUID(item.product_id) for item in changed.items]
        await service.record_purchase(uuid.UUID(changed.order_id), uuid.UUID(changed.user_id), products, state)

    return [
        Subscription(
            queue=f"{namespace}.reviews.orders", routing_keys=["orders.order_status_changed"], handler=on_order_status
        )
    ]
