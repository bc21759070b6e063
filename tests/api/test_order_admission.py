"""Admission of orders: past `order_max_in_flight` sagas in flight, a new order gets 503 `orders_busy` at once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from services.catalog.holds import StockHolds
from services.platform.settings import Settings
from tests.api.test_orders import merch, settled, shopper
from tests.conftest import embedded_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return embedded_settings(tmp_path, order_max_in_flight=1)


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
    await asyncio.sleep(0.15)  # past the admission's refresh: it counts the order from the database

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
    await asyncio.sleep(0.15)

    admitted = await api.post("/v1/orders", json=items, headers=gus | {"Idempotency-Key": "second"})
    assert admitted.status_code == 201, admitted.text
    assert (await settled(api, gus, admitted.json()["id"]))["status"] == "PAID"
