"""orders' outgoing messages, as envelopes for the outbox: the saga's commands and the order's status changes."""

from __future__ import annotations

from agora.common.v1.money_pb2 import Money as MoneyMessage
from agora.events.v1 import orders_pb2 as events
from agora.events.v1.envelope_pb2 import Envelope
from services.orders.domain import Order
from services.platform.events import wrap

PRODUCER = "orders"


def _items(order: Order) -> list[events.OrderItem]:
    return [events.OrderItem(product_id=str(line.product_id), quantity=line.quantity) for line in order.lines]


def stock_reservation_requested(order: Order) -> Envelope:
    return wrap(events.StockReservationRequested(order_id=str(order.id), items=_items(order)), producer=PRODUCER)


def stock_release_requested(order: Order) -> Envelope:
    return wrap(events.StockReleaseRequested(order_id=str(order.id)), producer=PRODUCER)


def payment_requested(order: Order) -> Envelope:
    amount = MoneyMessage(amount=order.total.amount, currency=order.total.currency)
    return wrap(
        events.PaymentRequested(order_id=str(order.id), user_id=str(order.user_id), amount=amount), producer=PRODUCER
    )


def refund_requested(order: Order) -> Envelope:
    return wrap(events.RefundRequested(order_id=str(order.id)), producer=PRODUCER)


def order_status_changed(order: Order) -> Envelope:
    changed = events.OrderStatusChanged(
        order_id=str(order.id),
        user_id=str(order.user_id),
        status=order.status.value,
        reason=order.reason,
        items=_items(order),
    )
    changed.changed_at.FromDatetime(order.updated_at)
    return wrap(changed, producer=PRODUCER)
