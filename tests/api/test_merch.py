"""The merch shop's API on the embedded platform: its flows, and every bad input as a 400 or 401 `{"errors"}`."""

from __future__ import annotations

import httpx
import pytest

from tests.support import merch_info, merch_sign_in

pytestmark = pytest.mark.both_topologies

PASSWORD = "merch-password"


def assert_merch_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"errors"}
    assert isinstance(body["errors"], str)
    assert body["errors"]


async def test_the_first_sign_in_creates_the_user_with_a_thousand_coins(api: httpx.AsyncClient) -> None:
    headers = await merch_sign_in(api, "newcomer", PASSWORD)

    assert await merch_info(api, headers) == {
        "coins": 1000,
        "inventory": [],
        "coinHistory": {"received": [], "sent": []},
    }
    again = await merch_sign_in(api, "newcomer", PASSWORD)  # signs in; creates nothing
    assert (await merch_info(api, again))["coins"] == 1000
    assert_merch_error(await api.post("/api/auth", json={"username": "newcomer", "password": "wrong-password"}), 401)


async def test_buying_charges_the_coins_and_fills_the_inventory(api: httpx.AsyncClient) -> None:
    headers = await merch_sign_in(api, "buyer", PASSWORD)

    for item in ("cup", "cup", "pink-hoody"):
        response = await api.get(f"/api/buy/{item}", headers=headers)
        assert response.status_code == 200, response.text
        assert response.content == b""

    state = await merch_info(api, headers)
    assert state["coins"] == 1000 - 20 - 20 - 500
    assert state["inventory"] == [{"type": "cup", "quantity": 2}, {"type": "pink-hoody", "quantity": 1}]
    assert_merch_error(await api.get("/api/buy/pink-hoody", headers=headers), 400)  # 460 left
    assert_merch_error(await api.get("/api/buy/spaceship", headers=headers), 400)
    assert (await merch_info(api, headers)) == state


async def test_sending_coins_shows_in_both_histories_summed_per_user(api: httpx.AsyncClient) -> None:
    ann, bob, cat = (
        await merch_sign_in(api, "ann", PASSWORD),
        await merch_sign_in(api, "bob", PASSWORD),
        await merch_sign_in(api, "cat", PASSWORD),
    )

    for sender, to, amount in ((ann, "bob", 100), (ann, "bob", 50), (cat, "bob", 7), (bob, "ann", 1)):
        response = await api.post("/api/sendCoin", json={"toUser": to, "amount": amount}, headers=sender)
        assert response.status_code == 200, response.text
        assert response.content == b""

    bobs = await merch_info(api, bob)
    assert bobs["coins"] == 1000 + 150 + 7 - 1
    assert bobs["coinHistory"] == {
        "received": [{"fromUser": "ann", "amount": 150}, {"fromUser": "cat", "amount": 7}],
        "sent": [{"toUser": "ann", "amount": 1}],
    }
    anns = await merch_info(api, ann)
    assert anns["coins"] == 1000 - 150 + 1
    assert anns["coinHistory"] == {
        "received": [{"fromUser": "bob", "amount": 1}],
        "sent": [{"toUser": "bob", "amount": 150}],
    }


@pytest.mark.parametrize(
    "body",
    [
        {"toUser": "nobody", "amount": 1},
        {"toUser": "sender", "amount": 1},
        {"toUser": "receiver", "amount": 0},
        {"toUser": "receiver", "amount": -5},
        {"toUser": "receiver", "amount": 1001},
        {"toUser": "receiver", "amount": 10**20},
        {"toUser": "receiver", "amount": 1.5},
        {"toUser": "receiver", "amount": "10"},
        {"toUser": "receiver"},
        {"amount": 10},
        {"toUser": None, "amount": 10},
        [],
    ],
)
async def test_a_refused_transfer_is_a_400_and_moves_nothing(api: httpx.AsyncClient, body: object) -> None:
    sender, receiver = await merch_sign_in(api, "sender", PASSWORD), await merch_sign_in(api, "receiver", PASSWORD)

    assert_merch_error(await api.post("/api/sendCoin", json=body, headers=sender), 400)

    assert (await merch_info(api, sender))["coins"] == 1000
    assert (await merch_info(api, receiver))["coins"] == 1000


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"", "application/json"),
        (b"{", "application/json"),
        (b'{"username": "x", "password": "y"}', "text/plain"),
        (b'{"username": "ab", "password": "long-enough"}', "application/json"),
        (b'{"username": "fine-name", "password": "short"}', "application/json"),
        (b'{"username": "fine-name"}', "application/json"),
        (b'{"username": 5, "password": "long-enough"}', "application/json"),
        (b'{"username": "bad name!", "password": "long-enough"}', "application/json"),
    ],
)
async def test_bad_sign_in_requests_are_400(api: httpx.AsyncClient, content: bytes, content_type: str) -> None:
    response = await api.post("/api/auth", content=content, headers={"Content-Type": content_type})

    assert_merch_error(response, 400)


@pytest.mark.parametrize(("method", "path"), [("GET", "/api/info"), ("GET", "/api/buy/cup"), ("POST", "/api/sendCoin")])
@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token", "Basic dXNlcjpwYXNz"])
async def test_calls_without_a_valid_token_are_401(
    api: httpx.AsyncClient, method: str, path: str, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}

    response = await api.request(method, path, json={"toUser": "x", "amount": 1}, headers=headers)

    assert_merch_error(response, 401)


async def test_the_merch_contract_is_served(api: httpx.AsyncClient) -> None:
    response = await api.get("/api/openapi.json")

    assert response.status_code == 200
    assert set(response.json()["paths"]) == {"/api/info", "/api/sendCoin", "/api/buy/{item}", "/api/auth"}
