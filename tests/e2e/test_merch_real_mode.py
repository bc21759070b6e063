"""The merch shop and the wallet over HTTP in real mode: separate processes on PostgreSQL, RabbitMQ and Redis."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections import Counter

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from services.wallet.adapters.orm import accounts, entries
from tests.e2e.conftest import RealPlatform
from tests.support import merch_info, merch_sign_in

PASSWORD = "merch-password"
PRICES = {"t-shirt": 80, "cup": 20, "book": 50, "pen": 10, "powerbank": 200, "socks": 10, "wallet": 50}
USERS = 50
OPERATIONS = 2_000

# Every test over gRPC, and again with wallet and identity in the gateway's process as well as in their own: the
# gateway calls its own, and both wallets compete for wallet's queues and outbox.
pytestmark = pytest.mark.parametrize(
    "real_platform",
    [{}, {"AGORA_GATEWAY_IN_PROCESS": '["wallet", "identity"]'}],
    ids=["grpc", "in-process"],
    indirect=True,
)


def client_of(platform: RealPlatform) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    return httpx.AsyncClient(base_url=platform.base_url, timeout=60, limits=limits)


async def test_buying_merch_and_sending_coins_with_both_sides_checked(real_platform: RealPlatform) -> None:
    suffix = uuid.uuid4().hex[:6]
    async with client_of(real_platform) as client:
        ann, bob = (
            await merch_sign_in(client, f"ann-{suffix}", PASSWORD),
            await merch_sign_in(client, f"bob-{suffix}", PASSWORD),
        )

        assert (await client.get("/api/buy/hoody", headers=ann)).status_code == 200
        sent = await client.post("/api/sendCoin", json={"toUser": f"bob-{suffix}", "amount": 125}, headers=ann)
        refused = await client.post("/api/sendCoin", json={"toUser": f"bob-{suffix}", "amount": 600}, headers=ann)

        assert sent.status_code == 200, sent.text
        assert refused.status_code == 400
        assert set(refused.json()) == {"errors"}
        anns, bobs = await merch_info(client, ann), await merch_info(client, bob)
        assert anns == {
            "coins": 1000 - 300 - 125,
            "inventory": [{"type": "hoody", "quantity": 1}],
            "coinHistory": {"received": [], "sent": [{"toUser": f"bob-{suffix}", "amount": 125}]},
        }
        assert bobs == {
            "coins": 1125,
            "inventory": [],
            "coinHistory": {"received": [{"fromUser": f"ann-{suffix}", "amount": 125}], "sent": []},
        }


async def test_concurrent_transfers_and_purchases_never_make_or_lose_a_coin(real_platform: RealPlatform) -> None:
    names = [f"crowd-{uuid.uuid4().hex[:8]}" for _ in range(USERS)]
    rng = random.Random(7)
    async with client_of(real_platform) as client:
        tokens = dict(
            zip(names, await asyncio.gather(*(merch_sign_in(client, name, PASSWORD) for name in names)), strict=True)
        )

        async def one_operation() -> httpx.Response:
            user = rng.choice(names)
            if rng.random() < 0.5:
                return await client.get(f"/api/buy/{rng.choice(list(PRICES))}", headers=tokens[user])
            to = rng.choice([name for name in names if name != user])
            body = {"toUser": to, "amount": rng.randint(1, 120)}
            return await client.post("/api/sendCoin", json=body, headers=tokens[user])

        replies = await asyncio.gather(*(one_operation() for _ in range(OPERATIONS)))
        states = await asyncio.gather(*(merch_info(client, tokens[name]) for name in names))

    statuses = Counter(reply.status_code for reply in replies)
    assert set(statuses) <= {200, 400}, statuses
    assert statuses[200] > OPERATIONS / 2, statuses  # most went through; the rest ran out of coins
    coins = sum(state["coins"] for state in states)
    spent = sum(PRICES[item["type"]] * item["quantity"] for state in states for item in state["inventory"])
    assert coins + spent == USERS * 1000
    assert all(state["coins"] >= 0 for state in states)
    bought = sum(item["quantity"] for state in states for item in state["inventory"])
    assert bought == sum(1 for reply in replies if reply.status_code == 200 and reply.request.method == "GET")
    await assert_ledger_is_balanced(real_platform)


async def assert_ledger_is_balanced(platform: RealPlatform) -> None:
    """Every transaction's entries sum to zero per currency, and every kept balance is the sum of its entries."""
    engine = create_async_engine(platform.env["AGORA_DATABASE_URL"].format(service="wallet"))
    try:
        async with engine.connect() as connection:
            unbalanced = await connection.execute(
                select(entries.c.transaction_id)
                .group_by(entries.c.transaction_id, entries.c.currency)
                .having(func.sum(entries.c.amount) != 0)
            )
            assert unbalanced.first() is None
            drifted = await connection.execute(
                text(
                    "SELECT a.id FROM accounts a LEFT JOIN entries e ON e.account_id = a.id "
                    "WHERE a.user_id IS NOT NULL GROUP BY a.id, a.balance "
                    "HAVING a.balance <> COALESCE(SUM(e.amount), 0)"
                )
            )
            assert drifted.first() is None
            negative = await connection.execute(select(accounts.c.id).where(accounts.c.balance < 0))
            assert negative.first() is None
    finally:
        await engine.dispose()


async def test_the_same_key_retried_concurrently_applies_once(real_platform: RealPlatform) -> None:
    suffix = uuid.uuid4().hex[:6]
    async with client_of(real_platform) as client:
        for name in (f"payer-{suffix}", f"payee-{suffix}"):
            registered = await client.post("/v1/auth/register", json={"username": name, "password": PASSWORD})
            assert registered.status_code == 201, registered.text
        login = await client.post("/v1/auth/login", json={"username": f"payer-{suffix}", "password": PASSWORD})
        headers = {"Authorization": f"Bearer {login.json()['access_token']}", "Idempotency-Key": f"rent-{suffix}"}
        body = {"to_username": f"payee-{suffix}", "amount": {"amount": 300, "currency": "COIN"}}

        replies = await asyncio.gather(
            *(client.post("/v1/wallet/transfers", json=body, headers=headers) for _ in range(20))
        )
        balances = await client.get("/v1/wallet/balances", headers=headers)

    assert {reply.status_code for reply in replies} == {201}, [reply.text for reply in replies]
    assert len({reply.json()["id"] for reply in replies}) == 1
    assert balances.json()["items"] == [{"amount": 700, "currency": "COIN"}]
