"""catalog's event consumers: the order saga's stock commands, the status change that makes a hold sold, and the
participants' confirmations in the product-deletion saga."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence

from agora.events.v1.orders_pb2 import OrderStatusChanged, StockReleaseRequested, StockReservationRequested
from services.catalog.domain import RequestedItem
from services.catalog.holds import StockHolds
from services.catalog.service_layer import CatalogService
from services.platform.bus import Message, Subscription
from services.platform.errors import InvalidArgument
from services.platform.events import Event, UnknownEvent, unwrap

SOLD_STATUS = "PAID"
"""The order status after which its held items are sold (orders' OrderStatus.PAID)."""


def order_id_of(raw: str) -> uuid.UUID:
    """A malformed order id cannot be answered (there is no order to tell), so the command is dead-lettered."""
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise InvalidArgument(f"{raw!r} is not an order id") from None


def order_handlers(holds: StockHolds) -> dict[str, Callable[[Event], Awaitable[None]]]:
    """Each event type catalog hears from orders, and what it does; every handler is safe to run twice."""

    async def reserve(event: Event) -> None:
        command = event.payload
        assert isinstance(command, StockReservationRequested)
        items = [RequestedItem(item.product_id, item.quantity) for item in command.items]
        await holds.reserve(order_id_of(command.order_id), items, command=event.envelope)

    async def release(event: Event) -> None:
        command = event.payload
        assert isinstance(command, StockReleaseRequested)
        await holds.release(order_id_of(command.order_id), command=event.envelope)

    async def sell_when_paid(event: Event) -> None:
        change = event.payload
        assert isinstance(change, OrderStatusChanged)
        if change.status == SOLD_STATUS:
            await holds.mark_sold(order_id_of(change.order_id))

    return {
        "orders.stock_reservation_requested": reserve,
        "orders.stock_release_requested": release,
        "orders.order_status_changed": sell_when_paid,
    }


def subscriptions(service: CatalogService, namespace: str, participants: Sequence[str]) -> list[Subscription]:
    handlers = order_handlers(service.holds)

    async def on_order_event(message: Message) -> None:
        event = unwrap(message.body)
        handle = handlers.get(event.envelope.type)
        if handle is None:
            raise UnknownEvent(f"catalog does not handle {event.envelope.type!r}")
        await handle(event)

    async def on_references_dropped(message: Message) -> None:
        event = unwrap(message.body)
        # Every confirmation carries the deletion's id; the participant is the service that sent it.
        deletion_id = uuid.UUID(getattr(event.payload, "deletion_id"))  # noqa: B009
        await service.deletions.on_confirmed(deletion_id, event.envelope.type.split(".", 1)[0])

    return [
        Subscription(queue=f"{namespace}.catalog.orders", routing_keys=list(handlers), handler=on_order_event),
        Subscription(
            queue=f"{namespace}.catalog.product-deletions",
            routing_keys=[f"{participant}.product_references_dropped" for participant in participants],
            handler=on_references_dropped,
        ),
    ]
