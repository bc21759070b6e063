"""Auto-pagination: `iter` follows `next_cursor` page after page, lazily, until a page comes without one."""

from __future__ import annotations

import itertools

import httpx

from agora_sdk import Agora
from tests.sdk.fakes import FakeAPI, page_json, product_json

PAGES = {None: (range(0, 2), "c1"), "c1": (range(2, 4), "c2"), "c2": (range(4, 5), None)}


def paged(request: httpx.Request) -> httpx.Response:
    indexes, next_cursor = PAGES[request.url.params.get("cursor")]
    return httpx.Response(200, json=page_json(indexes, next_cursor))


def test_iter_follows_next_cursor_until_it_is_absent(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/products", paged)

    products = list(client.catalog.products.iter(category="merch", page_size=2))

    assert [str(product.id) for product in products] == [product_json(index)["id"] for index in range(5)]
    assert [request.url.params.get("cursor") for request in api.requests] == [None, "c1", "c2"]
    assert all(request.url.params["category"] == "merch" for request in api.requests)
    assert all(request.url.params["limit"] == "2" for request in api.requests)


def test_iter_fetches_pages_only_as_they_are_needed(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/products", paged)

    products = client.catalog.products.iter()
    assert api.requests == []

    first_three = list(itertools.islice(products, 3))

    assert len(first_three) == 3
    assert len(api.requests) == 2


def test_list_returns_one_page_and_its_cursor(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/products", paged)

    first = client.catalog.products.list()
    last = client.catalog.products.list(cursor="c2")

    assert (len(first.items), first.next_cursor) == (2, "c1")
    assert (len(last.items), last.next_cursor) == (1, None)
    assert "limit" not in api.requests[0].url.params
