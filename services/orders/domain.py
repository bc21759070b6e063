"""Orders and the saga that pays for them, as a state machine without I/O.

An order is PENDING until catalog holds its stock (RESERVED), then PAID once wallet charged it. Any failure on the
way (out of stock, insufficient funds, a step that times out, the customer cancelling) turns it CANCELLING: the
steps done so far are undone (stock released, charge refunded) and it ends CANCELLED with its reason, or
COMPENSATION_FAILED when an undo keeps failing. Admins move PAID orders on to SHIPPED and DELIVERED.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from services.platform.errors import AdminRequired as AdminRequired  # the platform's, for this context's modules
from services.platform.errors import Conflict, InvalidArgument, NotFound
from services.platform.money import Money

MAX_ITEMS = 100
MAX_QUANTITY = 1000


class OrderStatus(enum.StrEnum):
    PENDING = "PENDING"
    RESERVED = "RESERVED"
    PAID = "PAID"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    CANCELLING = "CANCELLING"
    CANCELLED = "CANCELLED"
    COMPENSATION_FAILED = "COMPENSATION_FAILED"


IN_FLIGHT = frozenset({OrderStatus.PENDING, OrderStatus.RESERVED, OrderStatus.CANCELLING})
"""The statuses of an order whose saga is still running: placed and not yet paid or cancelled, or being undone."""


class StockState(enum.StrEnum):
    REQUESTED = "requested"
    HELD = "held"
    NONE = "none"  # nothing held: refused, or given back


class PaymentState(enum.StrEnum):
    NOT_REQUESTED = "not_requested"
    REQUESTED = "requested"
    CHARGED = "charged"
    NONE = "none"  # nothing charged: refused, or refunded


CANCELLABLE = {OrderStatus.PENDING, OrderStatus.RESERVED, OrderStatus.PAID}
ADVANCES = {OrderStatus.SHIPPED: OrderStatus.PAID, OrderStatus.DELIVERED: OrderStatus.SHIPPED}
"""Each admin transition and the status it starts from."""


class OrderNotFound(NotFound):
    code = "order_not_found"


class ProductUnavailable(Conflict):
    code = "product_unavailable"


class EmptyOrder(Conflict):
    code = "empty_order"


class MixedCurrencies(Conflict):
    code = "mixed_currencies"


class InvalidItems(InvalidArgument):
    code = "invalid_items"


class TooManyItems(Conflict):
    """Schema-valid but too much: the same product listed so often its quantities add up past the limit."""

    code = "too_many_items"


class NotCancellable(Conflict):
    code = "order_not_cancellable"


class InvalidTransition(Conflict):
    code = "invalid_transition"


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"


@dataclass(frozen=True)
class OrderLine:
    product_id: uuid.UUID
    name: str
    quantity: int
    unit_price: Money


@dataclass(frozen=True)
class Order:
    id: uuid.UUID
    user_id: uuid.UUID
    status: OrderStatus
    reason: str
    lines: tuple[OrderLine, ...]
    total: Money
    stock: StockState
    payment: PaymentState
    # When the step under way counts as failed (PENDING, RESERVED), or when to resend the undo (CANCELLING).
    deadline: datetime | None
    compensation_attempts: int
    created_at: datetime
    updated_at: datetime

    def moved(self, status: OrderStatus, now: datetime, reason: str | None = None, **changes: object) -> Order:
        return replace(self, status=status, reason=self.reason if reason is None else reason, updated_at=now, **changes)  # type: ignore[arg-type]

    @property
    def compensated(self) -> bool:
        """Nothing is held and nothing is charged any more."""
        return self.stock is StockState.NONE and self.payment in (PaymentState.NONE, PaymentState.NOT_REQUESTED)


@dataclass(frozen=True)
class TimelineEntry:
    status: OrderStatus
    reason: str
    at: datetime


def checked_items(items: list[tuple[uuid.UUID, int]]) -> list[tuple[uuid.UUID, int]]:
    """The items with each product once (quantities summed), in a sane range."""
    if not items:
        raise EmptyOrder("an order needs at least one item (or a cart with some)")
    summed: dict[uuid.UUID, int] = {}
    for product_id, quantity in items:
        if quantity < 1:
            raise InvalidItems("every quantity must be at least 1")
        summed[product_id] = summed.get(product_id, 0) + quantity
    if len(summed) > MAX_ITEMS or any(quantity > MAX_QUANTITY for quantity in summed.values()):
        raise TooManyItems(f"an order has at most {MAX_ITEMS} products, each at most {MAX_QUANTITY} times")
    return list(summed.items())


def order_total(lines: list[OrderLine]) -> Money:
    currencies = {line.unit_price.currency for line in lines}
    if len(currencies) != 1:
        raise MixedCurrencies("all items of an order must be priced in one currency")
    return Money(sum(line.unit_price.amount * line.quantity for line in lines), currencies.pop())


def compensation_delay(attempts: int, base: timedelta) -> timedelta:
    """How long to wait before resending an undo: doubling, at most 32 times the base."""
    return base * (1 << min(attempts, 5))
