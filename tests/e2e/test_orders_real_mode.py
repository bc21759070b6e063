"""The order saga in real mode: separate processes on PostgreSQL and RabbitMQ, over HTTP."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from typing import Any

import httpx

from tests.e2e.conftest import ADMIN, RealPlatform

PASSWORD = "orders-password"
SETTLED = {"PAID", "CANCELLED", "COMPENSATION_FAILED"}
BUYERS = 40
ORDERS_EACH = 5
UNITS = 50


def client_of(platform: RealPlatform) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    return httpx.AsyncClient(base_url=platform.base_url, timeout=60, limits=limits)


async def log_in(client: httpx.AsyncClient, username: str, password: str) -> dict[str, str]:
    response = await client.post("/v1/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def buyer(client: httpx.AsyncClient, username: str) -> dict[str, str]:
    registered = await client.post("/v1/auth/register", json={"username": username, "password": PASSWORD})
    assert registered.status_code == 201, registered.text
    return await log_in(client, username, PASSWORD)


async def settled(client: httpx.AsyncClient, headers: dict[str, str], order_id: str) -> dict[str, Any]:
    for _ in range(600):
        order: dict[str, Any] = (await client.get(f"/v1/orders/{order_id}", headers=headers)).json()
        if order["status"] in SETTLED:
            return order
        await asyncio.sleep(0.1)
    raise AssertionError(f"order {order_id} did not settle: {order}")


async def coins(client: httpx.AsyncClient, headers: dict[str, str]) -> int:
    items = (await client.get("/v1/wallet/balances", headers=headers)).json()["items"]
    return int(next(item["amount"] for item in items if item["currency"] == "COIN"))


async def test_200_orders_for_the_last_50_units(real_platform: RealPlatform) -> None:
    async with client_of(real_platform) as client:
        admin = await log_in(client, *ADMIN)
        product = {"name": f"Last units {uuid.uuid4().hex[:6]}", "category": "limited", "stock": UNITS}
        created = await client.post(
            "/v1/products", json=product | {"price": {"amount": 7, "currency": "COIN"}}, headers=admin
        )
        assert created.status_code == 201, created.text
        product_id = created.json()["id"]
        names = [f"buyer-{uuid.uuid4().hex[:8]}" for _ in range(BUYERS)]
        buyers = dict(zip(names, await asyncio.gather(*(buyer(client, name) for name in names)), strict=True))

        async def order(name: str) -> tuple[str, dict[str, Any]]:
            # As the SDK does: a 503 (`orders_busy` while the admission bound's worth of orders are in flight,
            # or a saturated machine) is retried after its Retry-After with the same Idempotency-Key, so a
            # retry can never place a second order.
            body = {"items": [{"product_id": product_id, "quantity": 1}]}
            headers = buyers[name] | {"Idempotency-Key": uuid.uuid4().hex}
            for _ in range(60):
                placed = await client.post("/v1/orders", json=body, headers=headers)
                if placed.status_code != 503:
                    break
                await asyncio.sleep(float(placed.headers.get("retry-after", "0.5")))
            assert placed.status_code == 201, placed.text
            return name, await settled(client, buyers[name], placed.json()["id"])

        outcomes = await asyncio.gather(*(order(name) for name in names for _ in range(ORDERS_EACH)))
        balances = {name: await coins(client, buyers[name]) for name in names}
        stock = (await client.get(f"/v1/products/{product_id}")).json()["stock"]

    statuses = Counter(order["status"] for _, order in outcomes)
    assert statuses == {"PAID": UNITS, "CANCELLED": BUYERS * ORDERS_EACH - UNITS}, statuses
    assert stock == 0
    paid = Counter(name for name, order in outcomes if order["status"] == "PAID")
    # Every cancelled order was never charged or was refunded: each buyer paid for exactly their paid orders.
    assert all(balances[name] == 1000 - 7 * paid[name] for name in names), balances
    assert all("out of stock" in order["reason"] for _, order in outcomes if order["status"] == "CANCELLED")


async def test_an_order_is_followed_to_delivery(real_platform: RealPlatform) -> None:
    async with client_of(real_platform) as client:
        admin = await log_in(client, *ADMIN)
        shopper = await buyer(client, f"follower-{uuid.uuid4().hex[:8]}")
        cup = next(
            p["id"] for p in (await client.get("/v1/products?category=merch&limit=100")).json()["items"]
            if p["name"] == "cup"
        )  # fmt: skip
        await client.put(f"/v1/cart/items/{cup}", json={"quantity": 3}, headers=shopper)

        placed = await client.post("/v1/orders", json={}, headers=shopper | {"Idempotency-Key": "first-order"})
        order = await settled(client, shopper, placed.json()["id"])
        await client.post(f"/v1/orders/{order['id']}/ship", headers=admin)
        await client.post(f"/v1/orders/{order['id']}/deliver", headers=admin)
        timeline = (await client.get(f"/v1/orders/{order['id']}/timeline", headers=shopper)).json()["items"]
        notified: list[str] = []
        for _ in range(100):
            items = (await client.get("/v1/notifications", headers=shopper)).json()["items"]
            notified = [n["data"]["status"] for n in items if n["kind"] == "order_status"]
            if len(notified) == 5:
                break
            await asyncio.sleep(0.1)

    assert order["status"] == "PAID"
    assert order["total"] == {"amount": 60, "currency": "COIN"}
    assert [entry["status"] for entry in timeline] == ["PENDING", "RESERVED", "PAID", "SHIPPED", "DELIVERED"]
    assert notified == ["PENDING", "RESERVED", "PAID", "SHIPPED", "DELIVERED"]


async def test_a_buyer_reviews_then_the_product_is_deleted_everywhere(real_platform: RealPlatform) -> None:
    async with client_of(real_platform) as client:
        admin = await log_in(client, *ADMIN)
        body = {"name": f"Reviewed {uuid.uuid4().hex[:6]}", "category": "limited", "stock": 5}
        created = await client.post(
            "/v1/products", json=body | {"price": {"amount": 9, "currency": "COIN"}}, headers=admin
        )
        product_id = created.json()["id"]
        reviewer = await buyer(client, f"reviewer-{uuid.uuid4().hex[:8]}")
        placed = await client.post(
            "/v1/orders", json={"items": [{"product_id": product_id, "quantity": 1}]}, headers=reviewer
        )
        order = await settled(client, reviewer, placed.json()["id"])
        review = {"rating": 5, "text": "Sturdy"}
        for _ in range(100):  # reviews learns of the purchase from orders' events
            written = await client.put(f"/v1/products/{product_id}/reviews/mine", json=review, headers=reviewer)
            if written.status_code == 200:
                break
            await asyncio.sleep(0.1)
        rating = (await client.get(f"/v1/products/{product_id}/rating")).json()
        await client.put(f"/v1/favourites/{product_id}", headers=reviewer)

        started = (await client.delete(f"/v1/products/{product_id}", headers=admin)).json()
        for _ in range(100):
            deletion = (await client.get(f"/v1/product-deletions/{started['id']}", headers=admin)).json()
            if deletion["state"] != "pending":
                break
            await asyncio.sleep(0.1)
        reviews_after = await client.get(f"/v1/products/{product_id}/reviews")
        favourites_after = (await client.get("/v1/favourites", headers=reviewer)).json()["items"]
        product_after = await client.get(f"/v1/products/{product_id}")
        order_after = (await client.get(f"/v1/orders/{order['id']}", headers=reviewer)).json()

    assert order["status"] == "PAID"
    assert written.status_code == 200, written.text
    assert rating == {"product_id": product_id, "count": 1, "average": 5.0}
    assert deletion["state"] == "completed", deletion
    assert (reviews_after.status_code, favourites_after, product_after.status_code) == (404, [], 404)
    assert order_after["lines"][0]["product_id"] == product_id
