"""orders' use cases: place, read, cancel and advance orders, and drive each order's saga one step at a time."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from services.orders.adapters.events import order_status_changed, stock_reservation_requested
from services.orders.adapters.unit_of_work import OrdersUnitOfWork
from services.orders.admission import Admission
from services.orders.domain import (
    ADVANCES,
    IN_FLIGHT,
    AdminRequired,
    IdempotencyKeyReused,
    InvalidTransition,
    NotCancellable,
    Order,
    OrderLine,
    OrderNotFound,
    OrderStatus,
    PaymentState,
    ProductUnavailable,
    StockState,
    TimelineEntry,
    checked_items,
    order_total,
)
from services.orders.saga import Step, Timing, cancel, on_deadline
from services.platform.catalog_client import ProductInfo
from services.platform.clock import Clock, utc_now
from services.platform.context import Principal
from services.platform.cursors import decode_cursor, encode_cursor, page_size
from services.platform.errors import InvalidArgument, Unauthenticated
from services.platform.ids import uuid7

CONSUMER = "orders.saga"
"""The name orders records the saga's handled replies under."""
MAX_KEY_LENGTH = 255
CUSTOMER_CANCELLED = "cancelled by the customer"

SagaStep = Callable[[Order, datetime], Step]


class ProductLookup(Protocol):
    async def products(self, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, ProductInfo]: ...


class CartLookup(Protocol):
    async def items(self, principal: Principal) -> list[tuple[uuid.UUID, int]]: ...


@dataclass(frozen=True)
class Page:
    orders: list[Order]
    next_cursor: str | None


def user_of(principal: Principal | None) -> uuid.UUID:
    if principal is None:
        raise Unauthenticated("orders belong to a signed-in user")
    return uuid.UUID(principal.user_id)


def fingerprint(items: list[tuple[uuid.UUID, int]]) -> str:
    return hashlib.sha256(json.dumps(sorted((str(p), q) for p, q in items)).encode()).hexdigest()


class OrdersService:
    def __init__(
        self,
        unit_of_work: Callable[[], OrdersUnitOfWork],
        products: ProductLookup,
        carts: CartLookup,
        timing: Timing,
        clock: Clock = utc_now,
        max_in_flight: int = 0,
    ) -> None:
        self.unit_of_work = unit_of_work
        self.products = products
        self.carts = carts
        self.timing = timing
        self.clock = clock
        self.admission = Admission(self._count_in_flight, max_in_flight)

    # -- customers and admins ------------------------------------------------------------------------------

    async def place_order(self, principal: Principal | None, items: list[tuple[uuid.UUID, int]], key: str) -> Order:
        """Prices the items (or the cart) now, stores the order PENDING and asks catalog to hold the stock."""
        user_id = user_of(principal)
        assert principal is not None
        if len(key) > MAX_KEY_LENGTH:
            raise InvalidArgument(f"an idempotency key has at most {MAX_KEY_LENGTH} characters")
        request = fingerprint(items)
        if key and (earlier := await self._keyed(user_id, key, request)) is not None:
            return earlier
        await self.admission.admit()
        try:
            wanted = checked_items(items or await self.carts.items(principal))
            order = await self._new_order(user_id, wanted)
            async with self.unit_of_work() as uow:
                await uow.orders.add(order)
                placed = not key or await uow.orders.claim_key(user_id, key, request, order.id)
                if placed:
                    await uow.orders.record_status(order)
                    await uow.outbox.add(stock_reservation_requested(order), order_status_changed(order))
                    await uow.commit()
        except BaseException:
            self.admission.release()  # nothing was placed
            raise
        if placed:
            return order
        self.admission.release()
        # Placed concurrently with the same key: this transaction rolled back, and the first order stands.
        earlier = await self._keyed(user_id, key, request)
        assert earlier is not None
        return earlier

    async def get_order(self, principal: Principal | None, order_id: uuid.UUID) -> Order:
        async with self.unit_of_work() as uow:
            return self._visible(principal, await uow.orders.get(order_id), order_id)

    async def timeline(self, principal: Principal | None, order_id: uuid.UUID) -> list[TimelineEntry]:
        async with self.unit_of_work() as uow:
            self._visible(principal, await uow.orders.get(order_id), order_id)
            return await uow.orders.timeline(order_id)

    async def list_orders(
        self, principal: Principal | None, status: OrderStatus | None, cursor: str | None, limit: int
    ) -> Page:
        """The caller's orders, newest first; an admin's listing holds everyone's (e.g. COMPENSATION_FAILED)."""
        user_id, size = user_of(principal), page_size(limit)
        assert principal is not None
        before = decode_cursor(cursor) if cursor else None
        async with self.unit_of_work() as uow:
            found = await uow.orders.page(None if principal.is_admin else user_id, status, before, size + 1)
        page = found[:size]
        return Page(page, encode_cursor(page[-1].id) if len(found) > size else None)

    async def cancel_order(self, principal: Principal | None, order_id: uuid.UUID) -> Order:
        """Cancels an order before it ships: whatever was held is released and whatever was charged refunded."""

        def cancelling(order: Order, now: datetime) -> Step:
            if order.status in (OrderStatus.CANCELLING, OrderStatus.CANCELLED):
                return Step(order)
            if order.status not in {OrderStatus.PENDING, OrderStatus.RESERVED, OrderStatus.PAID}:
                raise NotCancellable(f"a {order.status.value} order can no longer be cancelled")
            return cancel(order, CUSTOMER_CANCELLED, now, self.timing)

        return await self._advance_visible(principal, order_id, cancelling)

    async def advance_order(self, principal: Principal | None, order_id: uuid.UUID, status: OrderStatus) -> Order:
        """Admins: PAID -> SHIPPED -> DELIVERED."""
        if principal is None or not principal.is_admin:
            raise AdminRequired("only admins ship and deliver orders")
        if status not in ADVANCES:
            raise InvalidArgument("an order is advanced to SHIPPED or DELIVERED")

        def advancing(order: Order, now: datetime) -> Step:
            if order.status is status:
                return Step(order)
            if order.status is not ADVANCES[status]:
                raise InvalidTransition(f"a {order.status.value} order cannot become {status.value}")
            return Step(order.moved(status, now))

        return await self._advance_visible(principal, order_id, advancing)

    # -- the saga ------------------------------------------------------------------------------------------

    async def on_reply(self, event_id: str, order_id: uuid.UUID, step: SagaStep) -> None:
        """Applies a participant's reply to its order once, however often it is delivered."""
        async with self.unit_of_work() as uow:
            if await uow.processed_events.first_time(CONSUMER, event_id):
                order = await uow.orders.get(order_id, for_update=True)
                if order is not None:
                    await self._apply(uow, order, step(order, self.clock()))
            await uow.commit()

    async def sweep(self, limit: int = 100) -> int:
        """Moves on every order whose step timed out or whose undo is due again; returns how many it looked at."""
        async with self.unit_of_work() as uow:
            due = await uow.orders.due(self.clock(), limit)
        for order_id in due:
            async with self.unit_of_work() as uow:
                order = await uow.orders.get(order_id, for_update=True)
                if order is not None:
                    await self._apply(uow, order, on_deadline(order, self.clock(), self.timing))
                    await uow.commit()
        return len(due)

    # -- helpers -------------------------------------------------------------------------------------------

    async def _advance_visible(self, principal: Principal | None, order_id: uuid.UUID, step: SagaStep) -> Order:
        async with self.unit_of_work() as uow:
            order = self._visible(principal, await uow.orders.get(order_id, for_update=True), order_id)
            moved = await self._apply(uow, order, step(order, self.clock()))
            await uow.commit()
        return moved

    async def _apply(self, uow: OrdersUnitOfWork, order: Order, step: Step) -> Order:
        """Stores the order's new state, its timeline entry when the status changed, and the step's messages."""
        if step.order == order:
            return order
        await uow.orders.save(step.order)
        messages = list(step.commands)
        if step.order.status is not order.status:
            await uow.orders.record_status(step.order)
            messages.append(order_status_changed(step.order))
            if order.status in IN_FLIGHT and step.order.status not in IN_FLIGHT:
                uow.after_commit(self.admission.release)
        await uow.outbox.add(*messages)
        return step.order

    def _visible(self, principal: Principal | None, order: Order | None, order_id: uuid.UUID) -> Order:
        """The order if the caller may see it: its owner or an admin; to anyone else it does not exist."""
        user_id = user_of(principal)
        assert principal is not None
        if order is None or (order.user_id != user_id and not principal.is_admin):
            raise OrderNotFound(f"no order {order_id}")
        return order

    async def _count_in_flight(self) -> int:
        async with self.unit_of_work() as uow:
            return await uow.orders.count_in_flight()

    async def _keyed(self, user_id: uuid.UUID, key: str, request: str) -> Order | None:
        async with self.unit_of_work() as uow:
            found = await uow.orders.keyed(user_id, key)
            if found is None:
                return None
            earlier_request, order_id = found
            if earlier_request != request:
                raise IdempotencyKeyReused("this Idempotency-Key was used for a different order")
            order = await uow.orders.get(order_id)
        assert order is not None
        return order

    async def _new_order(self, user_id: uuid.UUID, wanted: list[tuple[uuid.UUID, int]]) -> Order:
        found = await self.products.products([product_id for product_id, _ in wanted])
        lines = []
        for product_id, quantity in wanted:
            product = found.get(product_id)
            if product is None or not product.active:
                raise ProductUnavailable(f"product {product_id} is not for sale")
            lines.append(OrderLine(product_id, product.name, quantity, product.price))
        now = self.clock()
        return Order(
            id=uuid7(),
            user_id=user_id,
            status=OrderStatus.PENDING,
            reason="",
            lines=tuple(sorted(lines, key=lambda line: line.product_id)),
            total=order_total(lines),
            stock=StockState.REQUESTED,
            payment=PaymentState.NOT_REQUESTED,
            deadline=now + self.timing.step_timeout,
            compensation_attempts=0,
            created_at=now,
            updated_at=now,
        )
