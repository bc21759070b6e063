"""My cart and favourites: cart lines with and without a price, the cart mutations' requests, favourites paging."""

from __future__ import annotations

import uuid

import httpx
import pytest

from agora_sdk import Agora, AsyncAgora, InvalidArgumentError
from agora_sdk.models import Price, Total
from tests.sdk.fakes import (
    PRODUCT_ID,
    FakeAPI,
    cart_json,
    cart_line_json,
    favourite_json,
    json_body,
    ok,
    page_json,
    problem,
)

PAGES = {None: (range(0, 2), "c1"), "c1": (range(2, 3), None)}
EVERY_PRODUCT_ID = [favourite_json(index)["product_id"] for index in range(3)]
GONE_LINE = {"product_id": str(PRODUCT_ID), "quantity": 1, "available": False}


def paged(request: httpx.Request) -> httpx.Response:
    indexes, next_cursor = PAGES[request.url.params.get("cursor")]
    return httpx.Response(200, json=page_json(indexes, next_cursor, item=favourite_json))


def test_the_cart_parses_priced_lines_and_a_line_whose_product_is_gone(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/cart", ok(cart_json(cart_line_json(1, quantity=3), GONE_LINE)))

    cart = client.customers.cart.get()

    priced, gone = cart.lines
    assert (priced.name, priced.quantity, priced.available) == ("Product 1", 3, True)
    assert priced.unit_price == Price(amount=1200, currency="USD")
    assert priced.line_total == Total(amount=3600, currency="USD")
    assert (gone.product_id, gone.quantity, gone.available) == (PRODUCT_ID, 1, False)
    assert (gone.name, gone.unit_price, gone.line_total) == (None, None, None)
    assert cart.totals == [Total(amount=3600, currency="USD")]


def test_set_item_puts_the_quantity_with_one_idempotency_key_across_retries(api: FakeAPI, client: Agora) -> None:
    path = f"/v1/cart/items/{PRODUCT_ID}"
    api.script("PUT", path, problem(503, "unavailable"), ok(cart_json(cart_line_json(0, quantity=4))))

    cart = client.customers.cart.set_item(str(PRODUCT_ID), quantity=4)

    first, second = api.requests
    assert (second.method, second.url.path) == ("PUT", path)
    assert json_body(second) == {"quantity": 4}
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert uuid.UUID(first.headers["Idempotency-Key"]).version == 4
    assert [line.quantity for line in cart.lines] == [4]


async def test_remove_item_and_remove_favourite_send_deletes_with_idempotency_keys(
    api: FakeAPI, aclient: AsyncAgora
) -> None:
    api.script("DELETE", f"/v1/cart/items/{PRODUCT_ID}", ok(cart_json()))
    api.script("DELETE", f"/v1/favourites/{PRODUCT_ID}", ok(status=204))

    cart = await aclient.customers.cart.remove_item(PRODUCT_ID)
    await aclient.customers.favourites.remove(PRODUCT_ID)

    assert (cart.lines, cart.totals) == ([], [])
    assert [request.content for request in api.requests] == [b"", b""]
    keys = {request.headers["Idempotency-Key"] for request in api.requests}
    assert len(keys) == 2


def test_favourites_iter_follows_next_cursor_until_it_is_absent(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/favourites", paged)

    favourites = list(client.customers.favourites.iter(page_size=2))

    assert [str(favourite.product_id) for favourite in favourites] == EVERY_PRODUCT_ID
    assert [request.url.params.get("cursor") for request in api.requests] == [None, "c1"]
    assert {request.url.params["limit"] for request in api.requests} == {"2"}


async def test_async_favourites_iter_follows_next_cursor(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("GET", "/v1/favourites", paged)

    favourites = [favourite async for favourite in aclient.customers.favourites.iter()]

    assert [str(favourite.product_id) for favourite in favourites] == EVERY_PRODUCT_ID
    assert [request.url.params.get("cursor") for request in api.requests] == [None, "c1"]
    assert all("limit" not in request.url.params for request in api.requests)


def test_a_malformed_product_id_is_refused_before_sending(api: FakeAPI, client: Agora) -> None:
    with pytest.raises(InvalidArgumentError, match="badly formed"):
        client.customers.cart.set_item("../favourites", quantity=1)
    with pytest.raises(InvalidArgumentError, match="badly formed"):
        client.customers.favourites.add("../cart")
    assert api.requests == []
