"""orders' event consumer: the saga participants' replies, each applied to its order once."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from agora.events.v1 import catalog_pb2, wallet_pb2
from services.orders import saga
from services.orders.domain import Order
from services.orders.service_layer import OrdersService, SagaStep
from services.platform.bus import Message, Subscription
from services.platform.events import Event, unwrap


def steps(service: OrdersService) -> dict[str, Callable[[Event], SagaStep]]:
    """For each reply type, the saga step it makes (closing over the reply's details)."""
    timing = service.timing

    def stock_rejected(event: Event) -> SagaStep:
        assert isinstance(event.payload, catalog_pb2.StockReservationRejected)
        reason = event.payload.reason
        return lambda order, now: saga.on_stock_rejected(order, reason, now)

    def payment_rejected(event: Event) -> SagaStep:
        assert isinstance(event.payload, wallet_pb2.PaymentRejected)
        reason = event.payload.reason
        return lambda order, now: saga.on_payment_rejected(order, reason, now, timing)

    def plain(step: Callable[[Order, datetime], saga.Step]) -> Callable[[Event], SagaStep]:
        return lambda event: step

    return {
        "catalog.stock_reserved": plain(lambda order, now: saga.on_stock_reserved(order, now, timing)),
        "catalog.stock_reservation_rejected": stock_rejected,
        "catalog.stock_released": plain(saga.on_stock_released),
        "wallet.payment_charged": plain(saga.on_payment_charged),
        "wallet.payment_rejected": payment_rejected,
        "wallet.payment_refunded": plain(saga.on_payment_refunded),
    }


def subscriptions(service: OrdersService, namespace: str) -> list[Subscription]:
    replies = steps(service)

    async def on_message(message: Message) -> None:
        event = unwrap(message.body)
        # Every reply names its order; the payload is typed as any protobuf message, hence getattr.
        order_id = uuid.UUID(getattr(event.payload, "order_id"))  # noqa: B009
        await service.on_reply(event.id, order_id, replies[event.envelope.type](event))

    return [Subscription(queue=f"{namespace}.orders.saga", routing_keys=list(replies), handler=on_message)]
