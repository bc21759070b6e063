"""The order saga's transitions: for each reply, timeout or request, the order's next state and what to send.

Each function takes the order as it is (read under its row lock) and returns it as it must become, with the
commands to publish in the same transaction. A message that does not fit the order's state changes nothing, so
late, repeated and reordered replies are harmless.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from agora.events.v1.envelope_pb2 import Envelope
from services.orders.adapters.events import (
    payment_requested,
    refund_requested,
    stock_release_requested,
)
from services.orders.domain import (
    CANCELLABLE,
    Order,
    OrderStatus,
    PaymentState,
    StockState,
    compensation_delay,
)


@dataclass(frozen=True)
class Timing:
    """How long a step may take before the order is cancelled, and how undo attempts are spaced and bounded."""

    step_timeout: timedelta
    retry_base: timedelta
    max_compensation_attempts: int


@dataclass(frozen=True)
class Step:
    order: Order
    commands: list[Envelope] = field(default_factory=list)


def on_stock_reserved(order: Order, now: datetime, timing: Timing) -> Step:
    if order.status is OrderStatus.PENDING:
        reserved = replace(
            order.moved(OrderStatus.RESERVED, now),
            stock=StockState.HELD,
            payment=PaymentState.REQUESTED,
            deadline=now + timing.step_timeout,
        )
        return Step(reserved, [payment_requested(reserved)])
    # While CANCELLING the release is on its way already: catalog refuses a reservation that comes after a
    # release, so a reservation it reports was made before and that release gives it back.
    return Step(order)


def on_stock_rejected(order: Order, reason: str, now: datetime) -> Step:
    if order.status is OrderStatus.PENDING:
        return Step(replace(order.moved(OrderStatus.CANCELLED, now, reason), stock=StockState.NONE, deadline=None))
    if order.status is OrderStatus.CANCELLING:
        return _finish_if_undone(replace(order, stock=StockState.NONE, updated_at=now), now)
    return Step(order)


def on_stock_released(order: Order, now: datetime) -> Step:
    if order.status is OrderStatus.CANCELLING:
        return _finish_if_undone(replace(order, stock=StockState.NONE, updated_at=now), now)
    return Step(order)


def on_payment_charged(order: Order, now: datetime) -> Step:
    if order.status is OrderStatus.RESERVED:
        return Step(replace(order.moved(OrderStatus.PAID, now), payment=PaymentState.CHARGED, deadline=None))
    if order.status is OrderStatus.CANCELLING and order.payment is PaymentState.NOT_REQUESTED:
        # A charge no refund was asked for yet. Once a refund is asked for, it covers the charge: wallet refuses
        # a charge that comes after a refund, so a charge it reports was made before and that refund returns it.
        charged = replace(order, payment=PaymentState.CHARGED, updated_at=now)
        return Step(charged, [refund_requested(charged)])
    return Step(order)


def on_payment_rejected(order: Order, reason: str, now: datetime, timing: Timing) -> Step:
    if order.status is OrderStatus.RESERVED:
        return cancel(replace(order, payment=PaymentState.NONE), reason, now, timing)
    if order.status is OrderStatus.CANCELLING:
        return _finish_if_undone(replace(order, payment=PaymentState.NONE, updated_at=now), now)
    return Step(order)


def on_payment_refunded(order: Order, now: datetime) -> Step:
    if order.status is OrderStatus.CANCELLING:
        return _finish_if_undone(replace(order, payment=PaymentState.NONE, updated_at=now), now)
    return Step(order)


def cancel(order: Order, reason: str, now: datetime, timing: Timing) -> Step:
    """Starts undoing what the order holds and was charged; an order with nothing to undo ends at once."""
    if order.status not in CANCELLABLE:
        return Step(order)
    cancelling = replace(
        order.moved(OrderStatus.CANCELLING, now, reason),
        deadline=now + compensation_delay(0, timing.retry_base),
        compensation_attempts=0,
    )
    if cancelling.compensated:
        return _finish_if_undone(cancelling, now)
    return Step(cancelling, _undo_commands(cancelling))


def on_deadline(order: Order, now: datetime, timing: Timing) -> Step:
    """A step took too long (the order is cancelled), or an undo is still unconfirmed (it is sent again)."""
    if order.deadline is None or order.deadline > now:
        return Step(order)
    if order.status is OrderStatus.PENDING:
        return cancel(order, "timed out waiting for the stock reservation", now, timing)
    if order.status is OrderStatus.RESERVED:
        return cancel(order, "timed out waiting for the payment", now, timing)
    if order.status is not OrderStatus.CANCELLING:
        return Step(order)
    attempts = order.compensation_attempts + 1
    if attempts >= timing.max_compensation_attempts:
        failed = order.moved(OrderStatus.COMPENSATION_FAILED, now, f"{order.reason}; undo unconfirmed after {attempts}")
        return Step(replace(failed, deadline=None, compensation_attempts=attempts))
    retrying = replace(
        order,
        compensation_attempts=attempts,
        deadline=now + compensation_delay(attempts, timing.retry_base),
        updated_at=now,
    )
    return Step(retrying, _undo_commands(retrying))


def _undo_commands(order: Order) -> list[Envelope]:
    commands = []
    if order.stock is not StockState.NONE:
        commands.append(stock_release_requested(order))
    if order.payment in (PaymentState.REQUESTED, PaymentState.CHARGED):
        commands.append(refund_requested(order))
    return commands


def _finish_if_undone(order: Order, now: datetime) -> Step:
    if order.status is OrderStatus.CANCELLING and order.compensated:
        return Step(replace(order.moved(OrderStatus.CANCELLED, now), deadline=None))
    return Step(order)
