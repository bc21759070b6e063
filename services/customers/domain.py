"""Carts, their prices and favourites, and the limits every write keeps, without I/O."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from services.platform.catalog_client import ProductInfo
from services.platform.errors import Conflict, InvalidArgument, NotFound
from services.platform.money import Money

MAX_QUANTITY = 1_000
"""The most units of one product a cart line holds."""
MAX_LINES = 100
"""The most distinct products one cart holds."""


class ProductNotFound(NotFound):
    code = "product_not_found"


class InvalidQuantity(InvalidArgument):
    code = "invalid_quantity"


class CartFull(Conflict):
    code = "cart_full"


@dataclass(frozen=True)
class CartItem:
    """A stored cart line: only the product and how many; the price is catalog's, read with the cart."""

    product_id: uuid.UUID
    quantity: int
    added_at: datetime


@dataclass(frozen=True)
class CartLine:
    product_id: uuid.UUID
    quantity: int
    # Empty, and unit_price None, when catalog no longer has the product.
    name: str
    unit_price: Money | None
    available: bool

    @property
    def line_total(self) -> Money | None:
        if self.unit_price is None:
            return None
        return Money(self.unit_price.amount * self.quantity, self.unit_price.currency)


@dataclass(frozen=True)
class Cart:
    lines: list[CartLine]
    # One per currency of the available lines, in currency order.
    totals: list[Money]


@dataclass(frozen=True)
class Favourite:
    product_id: uuid.UUID
    added_at: datetime


def checked_quantity(quantity: int) -> int:
    """A line's quantity as a request sets it: 0 removes the line."""
    if not 0 <= quantity <= MAX_QUANTITY:
        raise InvalidQuantity(f"quantity must be between 0 (to remove the line) and {MAX_QUANTITY}")
    return quantity


def check_line_count(lines: int) -> None:
    """`lines` counts the lines a product deletion set aside too: restored, they must still fit."""
    if lines > MAX_LINES:
        raise CartFull(f"a cart holds at most {MAX_LINES} different products")


def priced(items: Sequence[CartItem], products: Mapping[uuid.UUID, ProductInfo]) -> Cart:
    """The cart at catalog's current prices; lines of products no longer sold stay, marked and out of the totals.

    An inactive product keeps its name and price on the line, so the customer sees what is off sale; a deleted
    one keeps only its id.
    """
    lines = [_line(item, products.get(item.product_id)) for item in items]
    totals: dict[str, int] = {}
    for line in lines:
        total = line.line_total
        if line.available and total is not None:
            totals[total.currency] = totals.get(total.currency, 0) + total.amount
    return Cart(lines, [Money(amount, currency) for currency, amount in sorted(totals.items())])


def _line(item: CartItem, product: ProductInfo | None) -> CartLine:
    if product is None:
        return CartLine(item.product_id, item.quantity, name="", unit_price=None, available=False)
    return CartLine(item.product_id, item.quantity, product.name, product.price, available=product.active)
