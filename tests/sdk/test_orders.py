"""Orders: the items placing sends with its idempotency key, listing by status, paging, and waiting for an order."""

from __future__ import annotations

import uuid

import httpx
import pytest

from agora_sdk import Agora, AsyncAgora, InvalidArgumentError
from agora_sdk.models import OrderItem, OrderStatus, Price
from tests.sdk.fakes import (
    ORDER_ID,
    PRODUCT_ID,
    FakeAPI,
    json_body,
    ok,
    order_json,
    page_json,
    problem,
)

ORDER_PATH = f"/v1/orders/{ORDER_ID}"
OTHER_PRODUCT_ID = uuid.UUID(int=7)
PAGES = {None: (range(0, 2), "c1"), "c1": (range(2, 3), None)}
EVERY_ORDER_ID = [order_json(index)["id"] for index in range(3)]


def paged(request: httpx.Request) -> httpx.Response:
    indexes, next_cursor = PAGES[request.url.params.get("cursor")]
    return httpx.Response(200, json=page_json(indexes, next_cursor, item=order_json))


def test_place_sends_the_items_with_one_idempotency_key_across_retries(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/orders", problem(503, "unavailable"), ok(order_json(), 201))

    order = client.orders.place([(str(PRODUCT_ID), 2), OrderItem(product_id=OTHER_PRODUCT_ID, quantity=1)])

    first, second = api.requests
    assert json_body(first) == json_body(second)
    assert json_body(second) == {
        "items": [
            {"product_id": str(PRODUCT_ID), "quantity": 2},
            {"product_id": str(OTHER_PRODUCT_ID), "quantity": 1},
        ]
    }
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert uuid.UUID(first.headers["Idempotency-Key"]).version == 4
    assert (order.id, order.status, order.reason) == (ORDER_ID, OrderStatus.PENDING, "")
    assert [(line.product_id, line.quantity) for line in order.lines] == [(PRODUCT_ID, 2)]
    assert order.lines[0].unit_price == Price(amount=1200, currency="USD")


async def test_place_without_items_orders_the_cart_with_an_empty_body(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("POST", "/v1/orders", ok(order_json(), 201))

    await aclient.orders.place()

    [request] = api.requests
    assert json_body(request) == {}
    assert "Idempotency-Key" in request.headers


def test_each_placement_gets_its_own_idempotency_key(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/orders", ok(order_json(), 201))

    client.orders.place()
    client.orders.place()

    assert len({request.headers["Idempotency-Key"] for request in api.requests}) == 2


def test_list_passes_the_status(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/orders", ok(page_json(range(1), item=lambda index: order_json(index, status="PAID"))))

    page = client.orders.list(status="PAID", limit=10)

    [request] = api.requests
    assert dict(request.url.params) == {"status": "PAID", "limit": "10"}
    assert [order.status for order in page.items] == [OrderStatus.PAID]


def test_iter_follows_next_cursor_keeping_the_status(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/orders", paged)

    orders = list(client.orders.iter(status=OrderStatus.CANCELLED, page_size=2))

    assert [str(order.id) for order in orders] == EVERY_ORDER_ID
    assert [request.url.params.get("cursor") for request in api.requests] == [None, "c1"]
    assert {(request.url.params["status"], request.url.params["limit"]) for request in api.requests} == {
        ("CANCELLED", "2")
    }


async def test_async_iter_follows_next_cursor(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("GET", "/v1/orders", paged)

    orders = [order async for order in aclient.orders.iter()]

    assert [str(order.id) for order in orders] == EVERY_ORDER_ID
    assert [request.url.params.get("cursor") for request in api.requests] == [None, "c1"]
    assert all("limit" not in request.url.params for request in api.requests)


def test_wait_polls_until_the_order_is_paid(api: FakeAPI, client: Agora) -> None:
    statuses = ("PENDING", "RESERVED", "PAID")
    api.script("GET", ORDER_PATH, *(ok(order_json(status=status)) for status in statuses))

    order = client.orders.wait(str(ORDER_ID), poll_interval=0)

    assert order.status is OrderStatus.PAID
    assert len(api.sent("GET", ORDER_PATH)) == 3


async def test_async_wait_polls_until_the_order_is_paid(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("GET", ORDER_PATH, ok(order_json(status="PENDING")), ok(order_json(status="PAID")))

    order = await aclient.orders.wait(ORDER_ID, poll_interval=0)

    assert order.status is OrderStatus.PAID
    assert len(api.requests) == 2


def test_wait_stops_at_a_status_it_is_given(api: FakeAPI, client: Agora) -> None:
    api.script("GET", ORDER_PATH, ok(order_json(status="PAID")), ok(order_json(status="SHIPPED")))

    order = client.orders.wait(ORDER_ID, until={OrderStatus.SHIPPED}, poll_interval=0)

    assert order.status is OrderStatus.SHIPPED
    assert len(api.requests) == 2


def test_wait_times_out_when_the_order_is_never_paid(api: FakeAPI, client: Agora) -> None:
    api.script("GET", ORDER_PATH, ok(order_json(status="PENDING")))

    with pytest.raises(TimeoutError, match="PENDING"):
        client.orders.wait(ORDER_ID, timeout=0.05, poll_interval=0.01)

    assert len(api.requests) >= 2


async def test_async_wait_times_out_when_the_order_is_never_paid(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("GET", ORDER_PATH, ok(order_json(status="RESERVED")))

    with pytest.raises(TimeoutError):
        await aclient.orders.wait(ORDER_ID, timeout=0.05, poll_interval=0.01)

    assert len(api.requests) >= 2


def test_cancel_posts_with_an_idempotency_key_and_no_body(api: FakeAPI, client: Agora) -> None:
    api.script("POST", f"{ORDER_PATH}/cancel", ok(order_json(status="CANCELLING")))

    order = client.orders.cancel(ORDER_ID)

    [request] = api.requests
    assert request.content == b""
    assert "Idempotency-Key" in request.headers
    assert order.status is OrderStatus.CANCELLING


def test_bad_arguments_are_refused_before_sending(api: FakeAPI, client: Agora) -> None:
    with pytest.raises(InvalidArgumentError, match="badly formed"):
        client.orders.place([("../cart", 1)])
    with pytest.raises(InvalidArgumentError, match="badly formed"):
        client.orders.get("../orders")
    with pytest.raises(InvalidArgumentError, match="is not a valid OrderStatus"):
        client.orders.list(status="paid")
    with pytest.raises(InvalidArgumentError, match="is not a valid OrderStatus"):
        client.orders.wait(ORDER_ID, until={"DONE"})
    with pytest.raises(InvalidArgumentError, match="at least one status"):
        client.orders.wait(ORDER_ID, until=())
    assert api.requests == []
