"""Orders on the embedded platform: the saga end to end through the in-process bus, with its timeline."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx

from tests.api.conftest import bearer

TERMINAL = {"PAID", "CANCELLED", "COMPENSATION_FAILED"}


async def shopper(api: httpx.AsyncClient, username: str) -> dict[str, str]:
    registered = await api.post("/v1/auth/register", json={"username": username, "password": "shopper-password"})
    assert registered.status_code == 201, registered.text
    return await bearer(api, username, "shopper-password")


async def merch(api: httpx.AsyncClient) -> dict[str, str]:
    return {p["name"]: p["id"] for p in (await api.get("/v1/products?category=merch&limit=100")).json()["items"]}


async def settled(api: httpx.AsyncClient, headers: dict[str, str], order_id: str) -> dict[str, Any]:
    for _ in range(500):
        order: dict[str, Any] = (await api.get(f"/v1/orders/{order_id}", headers=headers)).json()
        if order["status"] in TERMINAL:
            return order
        await asyncio.sleep(0.01)
    raise AssertionError(f"order {order_id} did not settle: {order}")


async def coins(api: httpx.AsyncClient, headers: dict[str, str]) -> int:
    items = (await api.get("/v1/wallet/balances", headers=headers)).json()["items"]
    return int(next(item["amount"] for item in items if item["currency"] == "COIN"))


async def stock(api: httpx.AsyncClient, product_id: str) -> int:
    return int((await api.get(f"/v1/products/{product_id}")).json()["stock"])


async def place(api: httpx.AsyncClient, headers: dict[str, str], items: list[dict[str, Any]] | None) -> httpx.Response:
    return await api.post("/v1/orders", json={"items": items} if items is not None else {}, headers=headers)


async def test_an_order_from_the_cart_is_paid_and_clears_the_cart(api: httpx.AsyncClient) -> None:
    ann = await shopper(api, "ann")
    products = await merch(api)
    cup_stock = await stock(api, products["cup"])
    await api.put(f"/v1/cart/items/{products['cup']}", json={"quantity": 2}, headers=ann)
    await api.put(f"/v1/cart/items/{products['pen']}", json={"quantity": 1}, headers=ann)

    placed = await place(api, ann, None)
    assert placed.status_code == 201, placed.text
    assert placed.json()["status"] == "PENDING"
    assert placed.json()["total"] == {"amount": 50, "currency": "COIN"}
    order = await settled(api, ann, placed.json()["id"])

    assert order["status"] == "PAID"
    assert await coins(api, ann) == 950
    assert await stock(api, products["cup"]) == cup_stock - 2
    timeline = (await api.get(f"/v1/orders/{order['id']}/timeline", headers=ann)).json()["items"]
    assert [entry["status"] for entry in timeline] == ["PENDING", "RESERVED", "PAID"]
    for _ in range(200):
        if (await api.get("/v1/cart", headers=ann)).json()["lines"] == []:
            break
        await asyncio.sleep(0.01)
    assert (await api.get("/v1/cart", headers=ann)).json() == {"lines": [], "totals": []}


async def test_insufficient_funds_cancels_and_releases_the_stock(api: httpx.AsyncClient) -> None:
    bob = await shopper(api, "bob")
    hoody = (await merch(api))["pink-hoody"]
    before = await stock(api, hoody)

    placed = await place(api, bob, [{"product_id": hoody, "quantity": 3}])  # 1,500 coins; bob has 1,000
    order = await settled(api, bob, placed.json()["id"])

    assert order["status"] == "CANCELLED"
    assert "not enough" in order["reason"] or "insufficient" in order["reason"]
    assert await stock(api, hoody) == before
    assert await coins(api, bob) == 1000
    statuses = [e["status"] for e in (await api.get(f"/v1/orders/{order['id']}/timeline", headers=bob)).json()["items"]]
    assert statuses == ["PENDING", "RESERVED", "CANCELLING", "CANCELLED"]


async def test_out_of_stock_cancels_with_nothing_charged(api: httpx.AsyncClient, admin: dict[str, str]) -> None:
    cat = await shopper(api, "cat")
    created = await api.post(
        "/v1/products",
        json={"name": "Rare stamp", "category": "stamps", "price": {"amount": 5, "currency": "COIN"}, "stock": 1},
        headers=admin,
    )
    stamp = created.json()["id"]

    placed = await place(api, cat, [{"product_id": stamp, "quantity": 2}])
    order = await settled(api, cat, placed.json()["id"])

    assert order["status"] == "CANCELLED"
    assert "stock" in order["reason"]
    assert await stock(api, stamp) == 1
    assert await coins(api, cat) == 1000


async def test_a_paid_order_cancelled_before_shipping_is_refunded(api: httpx.AsyncClient) -> None:
    dan = await shopper(api, "dan")
    cup = (await merch(api))["cup"]
    before = await stock(api, cup)
    order = await settled(api, dan, (await place(api, dan, [{"product_id": cup, "quantity": 1}])).json()["id"])

    cancelled = await api.post(f"/v1/orders/{order['id']}/cancel", headers=dan)
    assert cancelled.status_code == 200, cancelled.text
    final = await settled(api, dan, order["id"])

    assert final["status"] == "CANCELLED"
    assert final["reason"] == "cancelled by the customer"
    assert await coins(api, dan) == 1000
    assert await stock(api, cup) == before


async def test_admins_ship_and_deliver_and_nobody_else_touches_the_order(
    api: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    eve, mallory = await shopper(api, "eve"), await shopper(api, "mallory")
    pen = (await merch(api))["pen"]
    order = await settled(api, eve, (await place(api, eve, [{"product_id": pen, "quantity": 1}])).json()["id"])

    assert (await api.get(f"/v1/orders/{order['id']}", headers=mallory)).status_code == 404
    assert (await api.get(f"/v1/orders/{order['id']}/timeline", headers=mallory)).status_code == 404
    assert (await api.post(f"/v1/orders/{order['id']}/cancel", headers=mallory)).status_code == 404
    assert (await api.post(f"/v1/orders/{order['id']}/ship", headers=eve)).status_code == 403
    shipped = await api.post(f"/v1/orders/{order['id']}/ship", headers=admin)
    too_late = await api.post(f"/v1/orders/{order['id']}/cancel", headers=eve)
    delivered = await api.post(f"/v1/orders/{order['id']}/deliver", headers=admin)

    assert shipped.json()["status"] == "SHIPPED"
    assert (too_late.status_code, too_late.json()["code"]) == (409, "order_not_cancellable")
    assert delivered.json()["status"] == "DELIVERED"
    mine = (await api.get("/v1/orders", headers=eve)).json()["items"]
    assert [o["id"] for o in mine] == [order["id"]]
    assert (await api.get("/v1/orders", headers=mallory)).json()["items"] == []
    everyone = (await api.get("/v1/orders?status=DELIVERED", headers=admin)).json()["items"]
    assert order["id"] in [o["id"] for o in everyone]


async def test_placing_again_with_the_same_key_returns_the_first_order(api: httpx.AsyncClient) -> None:
    fay = await shopper(api, "fay")
    pen = (await merch(api))["pen"]
    headers = fay | {"Idempotency-Key": "order-1"}

    first = await api.post("/v1/orders", json={"items": [{"product_id": pen, "quantity": 1}]}, headers=headers)
    again = await api.post("/v1/orders", json={"items": [{"product_id": pen, "quantity": 1}]}, headers=headers)
    other = await api.post("/v1/orders", json={"items": [{"product_id": pen, "quantity": 2}]}, headers=headers)

    assert first.json()["id"] == again.json()["id"]
    assert (other.status_code, other.json()["code"]) == (409, "idempotency_key_reused")
    unknown = await place(api, fay, [{"product_id": str(uuid.uuid4()), "quantity": 1}])
    empty = await place(api, fay, None)
    assert (unknown.status_code, unknown.json()["code"]) == (409, "product_unavailable")
    assert (empty.status_code, empty.json()["code"]) == (409, "empty_order")
