"""No N+1: a list's ratings, reviews and authors come from batch calls, however long the list."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest

from services.platform.grpc_client import Caller
from tests.api.graphql import graphql
from tests.api.test_orders import shopper
from tests.api.test_reviews import bought, review_allowed

PAGE = """query($first: Int!) { products(first: $first, category: "mugs") {
  nodes { rating { average } reviews(first: 3) { nodes { author { username } } } } } }"""


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every gRPC call the gateway makes, by method (grpc.aio's callables hold the path as bytes, in-process
    calls as text)."""
    made: Counter[str] = Counter()
    call = Caller.__call__

    async def counted(self: Caller, method: Any, request: Any, **kwargs: Any) -> Any:
        path = method._method
        made[(path.decode() if isinstance(path, bytes) else path).rsplit("/", 1)[-1]] += 1
        return await call(self, method, request, **kwargs)

    monkeypatch.setattr(Caller, "__call__", counted)
    return made


async def test_a_list_of_fifty_products_costs_the_calls_a_list_of_five_does(
    api: httpx.AsyncClient, admin: dict[str, str], calls: Counter[str]
) -> None:
    mugs = []
    for number in range(50):
        product = {"name": f"Mug {number}", "category": "mugs", "price": {"amount": 5, "currency": "COIN"}, "stock": 9}
        created = await api.post("/v1/products", json=product, headers=admin)
        assert created.status_code == 201
        mugs.append(created.json()["id"])

    for name in ("uma", "vic"):
        buyer = await shopper(api, name)
        for mug in mugs[:2]:
            await bought(api, buyer, mug)
            await review_allowed(api, buyer, mug)

    calls.clear()
    five = await graphql(api, PAGE, {"first": 5})
    calls_for_five = dict(calls)
    calls.clear()
    fifty = await graphql(api, PAGE, {"first": 50})

    assert "errors" not in five
    assert "errors" not in fifty, fifty
    assert len(fifty["data"]["products"]["nodes"]) == 50
    assert dict(calls) == calls_for_five
    assert dict(calls) == {"ListProducts": 1, "BatchGetRatings": 1, "BatchListReviews": 1, "BatchGetUsers": 1}
    authors = {a["author"]["username"] for n in fifty["data"]["products"]["nodes"] for a in n["reviews"]["nodes"]}
    assert authors == {"uma", "vic"}
