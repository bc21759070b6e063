"""Translations between customers' domain and its protobuf messages."""

from __future__ import annotations

import uuid

from agora.common.v1.money_pb2 import Money as MoneyMessage
from agora.customers.v1 import customers_pb2 as pb
from services.customers.domain import Cart, CartLine, Favourite, ProductNotFound
from services.platform.ids import id_named
from services.platform.money import Money


def product_id_of(raw: str) -> uuid.UUID:
    """A text that is not a UUID names no product."""
    return id_named(raw, "product", ProductNotFound)


def money_message(money: Money) -> MoneyMessage:
    return MoneyMessage(amount=money.amount, currency=money.currency)


def cart_line_message(line: CartLine) -> pb.CartLine:
    message = pb.CartLine(
        product_id=str(line.product_id), name=line.name, quantity=line.quantity, available=line.available
    )
    if line.unit_price is not None:
        message.unit_price.CopyFrom(money_message(line.unit_price))
    if line.line_total is not None:
        message.line_total.CopyFrom(money_message(line.line_total))
    return message


def cart_message(cart: Cart) -> pb.Cart:
    return pb.Cart(
        lines=[cart_line_message(line) for line in cart.lines], totals=[money_message(t) for t in cart.totals]
    )


def favourite_message(favourite: Favourite) -> pb.Favourite:
    message = pb.Favourite(product_id=str(favourite.product_id))
    message.added_at.FromDatetime(favourite.added_at)
    return message
