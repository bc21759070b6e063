"""My orders: placing, listing, following and cancelling them; shipping and delivering them (admins)."""

# An order starts PENDING and is paid for by a saga: RESERVED once its stock is held, then PAID once it is charged.
# A failure on the way (or a cancellation) turns it CANCELLING, then CANCELLED with its `reason`, or
# COMPENSATION_FAILED when undoing a step keeps failing. `wait` polls an order until the saga has settled.

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Collection, Iterable, Iterator
from typing import Final, Unpack
from uuid import UUID

from agora_sdk import _endpoints as endpoints
from agora_sdk._endpoints import OrderItemLike, enum_argument
from agora_sdk._exceptions import InvalidArgumentError
from agora_sdk._generated.models import Order, OrderPage, OrderStatus, OrderTimeline
from agora_sdk._options import CallOptions, MutationOptions
from agora_sdk._pagination import aiterate_pages, iterate_pages
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource

SETTLED_STATUSES: Final = frozenset(
    {
        OrderStatus.PAID,
        OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
        OrderStatus.CANCELLED,
        OrderStatus.COMPENSATION_FAILED,
    }
)
"""The statuses `wait` stops at by default: where placing an order ends, paid for (and perhaps shipped since, between
two polls) or undone."""


class Orders(SyncAPIResource):
    def place(self, items: Iterable[OrderItemLike] | None = None, **per_call: Unpack[MutationOptions]) -> Order:
        """Orders these items (`OrderItem`s or (product id, quantity) pairs), or my cart when none are given.

        The order starts PENDING; `wait` follows it until it is paid for or cancelled.
        """
        return self._client.request(endpoints.place_order_request(items), Order.from_dict, **per_call)

    def list(
        self,
        *,
        status: OrderStatus | str | None = None,
        cursor: str | None = None,
        limit: int | None = None,
        **per_call: Unpack[CallOptions],
    ) -> OrderPage:
        """One page of my orders (an admin's: everyone's), newest first, optionally of one status; pass a page's
        `next_cursor` as `cursor` for the next."""
        options = endpoints.list_orders_request(status=status, cursor=cursor, limit=limit)
        return self._client.request(options, OrderPage.from_dict, **per_call)

    def iter(
        self, *, status: OrderStatus | str | None = None, page_size: int | None = None, **per_call: Unpack[CallOptions]
    ) -> Iterator[Order]:
        """All my orders, newest first, optionally of one status, fetching pages of `page_size` as needed."""
        return iterate_pages(lambda cursor: self.list(status=status, cursor=cursor, limit=page_size, **per_call))

    def get(self, order_id: UUID | str, **per_call: Unpack[CallOptions]) -> Order:
        """One of my orders (admins: any order)."""
        return self._client.request(endpoints.get_order_request(order_id), Order.from_dict, **per_call)

    def timeline(self, order_id: UUID | str, **per_call: Unpack[CallOptions]) -> OrderTimeline:
        """Every status the order went through, oldest first, with when and why."""
        return self._client.request(endpoints.get_order_timeline_request(order_id), OrderTimeline.from_dict, **per_call)

    def cancel(self, order_id: UUID | str, **per_call: Unpack[MutationOptions]) -> Order:
        """Cancels my order before it ships: its stock is released and its charge refunded."""
        return self._client.request(endpoints.cancel_order_request(order_id), Order.from_dict, **per_call)

    def ship(self, order_id: UUID | str, **per_call: Unpack[MutationOptions]) -> Order:
        """Marks a PAID order SHIPPED (admins only)."""
        return self._client.request(endpoints.ship_order_request(order_id), Order.from_dict, **per_call)

    def deliver(self, order_id: UUID | str, **per_call: Unpack[MutationOptions]) -> Order:
        """Marks a SHIPPED order DELIVERED (admins only)."""
        return self._client.request(endpoints.deliver_order_request(order_id), Order.from_dict, **per_call)

    def wait(
        self,
        order_id: UUID | str,
        *,
        until: Collection[OrderStatus | str] = SETTLED_STATUSES,
        timeout: float = 30.0,
        poll_interval: float = 0.2,
    ) -> Order:
        """Polls the order every `poll_interval` seconds until its status is one of `until` (by default PAID,
        CANCELLED or COMPENSATION_FAILED) and returns it; raises `TimeoutError` after `timeout` seconds."""
        wanted = _statuses(until, timeout=timeout, poll_interval=poll_interval)
        deadline = time.monotonic() + timeout
        while True:
            order = self.get(order_id)
            if order.status in wanted:
                return order
            time.sleep(_pause(order, deadline, poll_interval))


class AsyncOrders(AsyncAPIResource):
    async def place(self, items: Iterable[OrderItemLike] | None = None, **per_call: Unpack[MutationOptions]) -> Order:
        """Orders these items (`OrderItem`s or (product id, quantity) pairs), or my cart when none are given.

        The order starts PENDING; `wait` follows it until it is paid for or cancelled.
        """
        return await self._client.request(endpoints.place_order_request(items), Order.from_dict, **per_call)

    async def list(
        self,
        *,
        status: OrderStatus | str | None = None,
        cursor: str | None = None,
        limit: int | None = None,
        **per_call: Unpack[CallOptions],
    ) -> OrderPage:
        """One page of my orders (an admin's: everyone's), newest first, optionally of one status; pass a page's
        `next_cursor` as `cursor` for the next."""
        options = endpoints.list_orders_request(status=status, cursor=cursor, limit=limit)
        return await self._client.request(options, OrderPage.from_dict, **per_call)

    def iter(
        self, *, status: OrderStatus | str | None = None, page_size: int | None = None, **per_call: Unpack[CallOptions]
    ) -> AsyncIterator[Order]:
        """All my orders, newest first, optionally of one status, fetching pages of `page_size` as needed."""
        return aiterate_pages(lambda cursor: self.list(status=status, cursor=cursor, limit=page_size, **per_call))

    async def get(self, order_id: UUID | str, **per_call: Unpack[CallOptions]) -> Order:
        """One of my orders (admins: any order)."""
        return await self._client.request(endpoints.get_order_request(order_id), Order.from_dict, **per_call)

    async def timeline(self, order_id: UUID | str, **per_call: Unpack[CallOptions]) -> OrderTimeline:
        """Every status the order went through, oldest first, with when and why."""
        return await self._client.request(
            endpoints.get_order_timeline_request(order_id), OrderTimeline.from_dict, **per_call
        )

    async def cancel(self, order_id: UUID | str, **per_call: Unpack[MutationOptions]) -> Order:
        """Cancels my order before it ships: its stock is released and its charge refunded."""
        return await self._client.request(endpoints.cancel_order_request(order_id), Order.from_dict, **per_call)

    async def ship(self, order_id: UUID | str, **per_call: Unpack[MutationOptions]) -> Order:
        """Marks a PAID order SHIPPED (admins only)."""
        return await self._client.request(endpoints.ship_order_request(order_id), Order.from_dict, **per_call)

    async def deliver(self, order_id: UUID | str, **per_call: Unpack[MutationOptions]) -> Order:
        """Marks a SHIPPED order DELIVERED (admins only)."""
        return await self._client.request(endpoints.deliver_order_request(order_id), Order.from_dict, **per_call)

    async def wait(
        self,
        order_id: UUID | str,
        *,
        until: Collection[OrderStatus | str] = SETTLED_STATUSES,
        timeout: float = 30.0,
        poll_interval: float = 0.2,
    ) -> Order:
        """Polls the order every `poll_interval` seconds until its status is one of `until` (by default PAID,
        CANCELLED or COMPENSATION_FAILED) and returns it; raises `TimeoutError` after `timeout` seconds."""
        wanted = _statuses(until, timeout=timeout, poll_interval=poll_interval)
        deadline = time.monotonic() + timeout
        while True:
            order = await self.get(order_id)
            if order.status in wanted:
                return order
            await asyncio.sleep(_pause(order, deadline, poll_interval))


def _statuses(until: Collection[OrderStatus | str], *, timeout: float, poll_interval: float) -> frozenset[OrderStatus]:
    """The statuses to wait for, checked (with the timings) before anything is sent."""
    if timeout < 0 or poll_interval < 0:
        raise InvalidArgumentError("timeout and poll_interval must be 0 or more")
    if isinstance(until, str):
        until = [until]
    wanted = frozenset(enum_argument(OrderStatus, status) for status in until)
    if not wanted:
        raise InvalidArgumentError("until must hold at least one status")
    return wanted


def _pause(order: Order, deadline: float, poll_interval: float) -> float:
    """How long to sleep before the next poll; raises `TimeoutError` when the deadline has passed."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError(f"order {order.id} is still {order.status} after the timeout")
    return min(poll_interval, remaining)
