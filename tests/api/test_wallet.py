"""agora.v1's wallet on the embedded platform: balances, transfers, idempotency, conversion, admin operations."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest

from tests.api.conftest import bearer

pytestmark = pytest.mark.both_topologies


async def register(api: httpx.AsyncClient, username: str) -> tuple[str, dict[str, str]]:
    response = await api.post("/v1/auth/register", json={"username": username, "password": "wallet-password"})
    assert response.status_code == 201, response.text
    return response.json()["id"], await bearer(api, username, "wallet-password")


async def balances(api: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, int]:
    response = await api.get("/v1/wallet/balances", headers=headers)
    assert response.status_code == 200, response.text
    return {item["currency"]: item["amount"] for item in response.json()["items"]}


async def transfer(
    api: httpx.AsyncClient, headers: dict[str, str], to: str, amount: int, key: str | None = None
) -> httpx.Response:
    body = {"to_username": to, "amount": {"amount": amount, "currency": "COIN"}}
    return await api.post(
        "/v1/wallet/transfers", json=body, headers=headers | ({"Idempotency-Key": key} if key else {})
    )


def problem_code(response: httpx.Response) -> Any:
    assert response.headers["content-type"] == "application/problem+json", response.text
    return response.json()["code"]


async def test_a_registered_user_has_a_thousand_coins_at_once(api: httpx.AsyncClient) -> None:
    _, headers = await register(api, "fresh")

    assert await balances(api, headers) == {"COIN": 1000}


async def test_a_transfer_shows_on_both_sides_and_notifies_the_recipient(api: httpx.AsyncClient) -> None:
    _, ann = await register(api, "ann")
    _, bob = await register(api, "bob")

    response = await transfer(api, ann, "bob", 250)

    assert response.status_code == 201, response.text
    sent = response.json()
    assert sent["kind"] == "transfer"
    assert sent["amounts"] == [{"amount": -250, "currency": "COIN"}]
    assert sent["counterparty"]["username"] == "bob"
    assert await balances(api, bob) == {"COIN": 1250}
    bobs = (await api.get("/v1/wallet/transactions", headers=bob)).json()["items"]
    assert [(t["kind"], t["amounts"][0]["amount"], t.get("counterparty", {}).get("username")) for t in bobs] == [
        ("transfer", 250, "ann"),
        ("grant", 1000, None),
    ]
    for _ in range(200):  # the notification arrives through the in-process bus
        kinds = [n["kind"] for n in (await api.get("/v1/notifications", headers=bob)).json()["items"]]
        if "transfer_received" in kinds:
            break
        await asyncio.sleep(0.01)
    assert kinds == ["welcome", "transfer_received"]


async def test_a_key_retried_concurrently_applies_once_and_a_reused_key_is_a_409(api: httpx.AsyncClient) -> None:
    _, ann = await register(api, "ann")
    await register(api, "bob")

    replies = await asyncio.gather(*(transfer(api, ann, "bob", 100, key="pay-bob-1") for _ in range(8)))
    reused = await transfer(api, ann, "bob", 999, key="pay-bob-1")

    assert {r.status_code for r in replies} == {201}
    assert len({r.json()["id"] for r in replies}) == 1
    assert await balances(api, ann) == {"COIN": 900}
    assert reused.status_code == 409
    assert problem_code(reused) == "idempotency_key_reused"


async def test_refused_transfers_change_nothing(api: httpx.AsyncClient) -> None:
    _, ann = await register(api, "ann")
    await register(api, "bob")

    assert problem_code(await transfer(api, ann, "bob", 1001)) == "insufficient_funds"
    assert problem_code(await transfer(api, ann, "ann", 1)) == "self_transfer"
    assert problem_code(await transfer(api, ann, "nobody", 1)) == "user_not_found"
    assert problem_code(await transfer(api, ann, "bob", 0)) == "validation_failed"
    assert await balances(api, ann) == {"COIN": 1000}


async def test_conversion_at_an_admin_rate(api: httpx.AsyncClient, admin: dict[str, str]) -> None:
    _, ann = await register(api, "ann")
    body = {"amount": {"amount": 500, "currency": "COIN"}, "to_currency": "USD"}

    missing = await api.post("/v1/wallet/conversions", json=body, headers=ann)
    forbidden = await api.put("/v1/wallet/rates/COIN/USD", json={"rate": "0.013"}, headers=ann)
    rate = await api.put("/v1/wallet/rates/COIN/USD", json={"rate": "0.013"}, headers=admin)
    converted = await api.post("/v1/wallet/conversions", json=body, headers=ann)

    assert (missing.status_code, problem_code(missing)) == (409, "rate_unavailable")
    assert (forbidden.status_code, problem_code(forbidden)) == (403, "admin_required")
    assert rate.status_code == 200, rate.text
    assert converted.status_code == 201, converted.text
    # 500 COIN * 0.013 = 6.50 USD
    assert converted.json()["rate"] == "0.013"
    assert converted.json()["transaction"]["amounts"] == [
        {"amount": -500, "currency": "COIN"},
        {"amount": 650, "currency": "USD"},
    ]
    assert await balances(api, ann) == {"COIN": 500, "USD": 650}
    listed = (await api.get("/v1/wallet/rates", headers=ann)).json()["items"]
    assert [(r["base"], r["quote"], r["rate"]) for r in listed] == [("COIN", "USD", "0.013")]


async def test_admins_top_up_charge_and_refund_once(
    api: httpx.AsyncClient, admin: dict[str, str], customer: dict[str, str]
) -> None:
    user_id, ann = await register(api, "ann")
    top_up = {"user_id": user_id, "amount": {"amount": 1999, "currency": "EUR"}}

    denied = await api.post("/v1/wallet/top-ups", json=top_up, headers=customer)
    topped = await api.post("/v1/wallet/top-ups", json=top_up, headers=admin)
    charge = await api.post(
        "/v1/wallet/charges",
        json={"user_id": user_id, "amount": {"amount": 500, "currency": "EUR"}, "reference": "order-7"},
        headers=admin,
    )
    charge_id = charge.json()["id"]
    refunded = await api.post(f"/v1/wallet/charges/{charge_id}/refund", headers=admin)
    again = await api.post(f"/v1/wallet/charges/{charge_id}/refund", headers=admin)
    unknown = await api.post(f"/v1/wallet/charges/{uuid.uuid4()}/refund", headers=admin)

    assert (denied.status_code, problem_code(denied)) == (403, "admin_required")
    assert topped.status_code == charge.status_code == refunded.status_code == 201
    assert (again.status_code, problem_code(again)) == (409, "already_refunded")
    assert (unknown.status_code, problem_code(unknown)) == (404, "charge_not_found")
    assert await balances(api, ann) == {"COIN": 1000, "EUR": 1999}
