"""Admission of orders: past `order_max_in_flight` sagas in flight (orders), or `gateway_max_placing_orders`
placements under way (the gateway), a new order gets 503 `orders_busy` at once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from services.catalog.holds import StockHolds
from services.orders.service_layer import OrdersService
from services.platform.settings import Settings
from tests.api.test_orders import merch, settled, shopper
from tests.conftest import embedded_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return embedded_settings(tmp_path, order_max_in_flight=1, gateway_max_placing_orders=1)


async def test_an_order_past_the_bound_is_refused_at_once_and_admitted_once_one_ends(
    api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    gus = await shopper(api, "gus")
    pen = (await merch(api))["pen"]
    items = {"items": [{"product_id": pen, "quantity": 1}]}

    async def stalled(*_: object, **__: object) -> None:
        raise RuntimeError("catalog is slow today")

    monkeypatch.setattr(StockHolds, "reserve", stalled)  # the first order stays PENDING, in flight
    first = await api.post("/v1/orders", json=items, headers=gus | {"Idempotency-Key": "first"})
    assert (first.status_code, first.json()["status"]) == (201, "PENDING")

    refused = await api.post("/v1/orders", json=items, headers=gus | {"Idempotency-Key": "second"})
    assert refused.status_code == 503
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["retry-after"] == "1"
    assert refused.json()["code"] == "orders_busy"
    replayed = await api.post("/v1/orders", json=items, headers=gus | {"Idempotency-Key": "first"})
    assert (replayed.status_code, replayed.json()["id"]) == (201, first.json()["id"]), "a replay is never refused"
    listed = (await api.get("/v1/orders", headers=gus)).json()["items"]
    assert [order["id"] for order in listed] == [first.json()["id"]], "the refused order was not placed"

    cancelled = await api.post(f"/v1/orders/{first.json()['id']}/cancel", headers=gus)
    assert cancelled.status_code == 200
    assert (await settled(api, gus, first.json()["id"]))["status"] == "CANCELLED"
    monkeypatch.undo()

    admitted = await api.post("/v1/orders", json=items, headers=gus | {"Idempotency-Key": "second"})
    assert admitted.status_code == 201, admitted.text
    assert (await settled(api, gus, admitted.json()["id"]))["status"] == "PAID"


async def test_a_placement_past_the_gateways_bound_is_refused_before_reaching_orders(
    api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    hal = await shopper(api, "hal")
    pen = (await merch(api))["pen"]
    items = {"items": [{"product_id": pen, "quantity": 1}]}
    place_order = OrdersService.place_order
    reached, release = asyncio.Event(), asyncio.Event()
    calls = 0

    async def slow(self: OrdersService, *args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        reached.set()
        await release.wait()
        return await place_order(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(OrdersService, "place_order", slow)
    first = asyncio.create_task(api.post("/v1/orders", json=items, headers=hal | {"Idempotency-Key": "first"}))
    await reached.wait()

    async with asyncio.timeout(5):  # without the bound it would wait behind the first placement
        refused = await api.post("/v1/orders", json=items, headers=hal | {"Idempotency-Key": "second"})
    assert (refused.status_code, refused.headers["retry-after"]) == (503, "1")
    assert refused.json()["code"] == "orders_busy"
    assert "being placed" in refused.json()["detail"]
    assert calls == 1, "the refused placement never reached orders"

    release.set()
    placed = await first
    assert placed.status_code == 201, placed.text
    assert (await settled(api, hal, placed.json()["id"]))["status"] == "PAID"
    admitted = await api.post("/v1/orders", json=items, headers=hal | {"Idempotency-Key": "second"})
    assert admitted.status_code == 201, admitted.text
