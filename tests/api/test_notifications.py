"""Notifications through the REST edge: a registration becomes a welcome notification, in order, once."""

from __future__ import annotations

import asyncio

import httpx

from tests.api.conftest import bearer


async def notifications(api: httpx.AsyncClient, headers: dict[str, str], **params: str | int) -> dict[str, object]:
    response = await api.get("/v1/notifications", params=params, headers=headers)
    assert response.status_code == 200, response.text
    page: dict[str, object] = response.json()
    return page


async def wait_for_items(api: httpx.AsyncClient, headers: dict[str, str], count: int) -> list[dict[str, object]]:
    async with asyncio.timeout(10):
        while True:
            items = (await notifications(api, headers))["items"]
            assert isinstance(items, list)
            if len(items) >= count:
                return items
            await asyncio.sleep(0.05)


async def test_registering_brings_one_welcome_notification(api: httpx.AsyncClient):
    await api.post("/v1/auth/register", json={"username": "nina", "password": "nina-password"})
    headers = await bearer(api, "nina", "nina-password")
    (welcome,) = await wait_for_items(api, headers, 1)
    assert welcome["kind"] == "welcome"
    assert welcome["cursor"] == "1"
    assert welcome["data"] == {"username": "nina"}
    assert "read_at" not in welcome
    await asyncio.sleep(0.2)
    assert len((await notifications(api, headers))["items"]) == 1  # type: ignore[arg-type]


async def test_mark_read_is_idempotent_and_private(api: httpx.AsyncClient, customer: dict[str, str]):
    (welcome,) = await wait_for_items(api, customer, 1)
    first = await api.post(f"/v1/notifications/{welcome['id']}/read", headers=customer)
    again = await api.post(f"/v1/notifications/{welcome['id']}/read", headers=customer)
    assert first.status_code == 200
    assert first.json()["read_at"] == again.json()["read_at"]

    await api.post("/v1/auth/register", json={"username": "oscar", "password": "oscar-password"})
    other = await bearer(api, "oscar", "oscar-password")
    foreign = await api.post(f"/v1/notifications/{welcome['id']}/read", headers=other)
    assert foreign.status_code == 404
    assert foreign.json()["code"] == "notification_not_found"


async def test_the_cursor_resumes_after_what_was_seen(api: httpx.AsyncClient, customer: dict[str, str]):
    await wait_for_items(api, customer, 1)
    page = await notifications(api, customer, cursor="1")
    assert page == {"items": []}
    assert (await api.get("/v1/notifications", params={"cursor": "-1"}, headers=customer)).status_code == 422
    assert (await api.get("/v1/notifications")).status_code == 401
