"""Load shedding at the gateway: past `gateway_max_requests_in_flight` requests in one worker, a request is refused
at once with Retry-After (agora.v1: 503 `overloaded`; the merch shop, whose contract knows no 503: a 500), health
checks still answer, and requests are admitted again as soon as one ends."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.gateway.catalog_api import CatalogApiOverGrpc
from services.platform.settings import Settings
from tests.conftest import embedded_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return embedded_settings(tmp_path, gateway_max_requests_in_flight=1)


async def test_a_request_past_the_bound_is_refused_at_once_and_health_checks_still_answer(
    api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    list_products = CatalogApiOverGrpc.list_products
    reached, release = asyncio.Event(), asyncio.Event()

    async def slow(self: CatalogApiOverGrpc, **kwargs: Any) -> Any:
        reached.set()
        await release.wait()
        return await list_products(self, **kwargs)

    monkeypatch.setattr(CatalogApiOverGrpc, "list_products", slow)
    held = asyncio.create_task(api.get("/v1/products"))
    await reached.wait()

    async with asyncio.timeout(5):  # refused at once, not queued behind the request in flight
        refused = await api.get("/v1/products")
        merch = await api.get("/api/info", headers={"Authorization": "Bearer x"})
        health = await api.get("/healthz")
    assert (refused.status_code, refused.headers["retry-after"], refused.json()["code"]) == (503, "1", "overloaded")
    assert refused.headers["content-type"] == "application/problem+json"
    assert (merch.status_code, merch.headers["retry-after"]) == (500, "1")
    assert "requests" in merch.json()["errors"]
    assert health.status_code == 200

    release.set()
    assert (await held).status_code == 200
    assert (await api.get("/v1/products")).status_code == 200
