"""Translations between orders' domain and its protobuf messages."""

from __future__ import annotations

import uuid

from agora.common.v1.money_pb2 import Money as MoneyMessage
from agora.orders.v1 import orders_pb2 as pb
from services.orders.domain import Order, OrderNotFound, OrderStatus, TimelineEntry
from services.platform.ids import id_named
from services.platform.money import Money

STATUSES = {status: pb.OrderStatus.Value(f"ORDER_STATUS_{status.value}") for status in OrderStatus}
STATUS_OF = {number: status for status, number in STATUSES.items()}


def order_id_of(raw: str) -> uuid.UUID:
    """A text that is not a UUID names no order."""
    return id_named(raw, "order", OrderNotFound)


def money_message(money: Money) -> MoneyMessage:
    return MoneyMessage(amount=money.amount, currency=money.currency)


def order_message(order: Order) -> pb.Order:
    message = pb.Order(
        id=str(order.id),
        user_id=str(order.user_id),
        status=STATUSES[order.status],
        reason=order.reason,
        lines=[
            pb.OrderLine(
                product_id=str(line.product_id),
                name=line.name,
                quantity=line.quantity,
                unit_price=money_message(line.unit_price),
            )
            for line in order.lines
        ],
        total=money_message(order.total),
    )
    message.created_at.FromDatetime(order.created_at)
    message.updated_at.FromDatetime(order.updated_at)
    return message


def timeline_message(entry: TimelineEntry) -> pb.TimelineEntry:
    message = pb.TimelineEntry(status=STATUSES[entry.status], reason=entry.reason)
    message.at.FromDatetime(entry.at)
    return message
