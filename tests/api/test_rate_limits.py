"""Rate limits through the gateway's real entry points: wrong passwords per account (REST, GraphQL and the merch
shop alike), sign-ins per address, each user's request budget, and WebSockets per user."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import websockets

from services.embedded import embedded_app
from services.platform.settings import Settings
from tests.conftest import embedded_settings
from tests.support import LiveServer, live_server

LOG_IN = "mutation($input: LogInInput!) { logIn(input: $input) { accessToken userErrors { code } } }"


@pytest.fixture
async def limited(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The embedded platform with the limits a test names (`@pytest.mark.parametrize("limited", [...])`)."""
    app = embedded_app(embedded_settings(tmp_path, **request.param))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as api:
        yield api


def assert_rate_limited(response: httpx.Response) -> None:
    assert response.status_code == 429, response.text
    assert response.json()["code"] == "rate_limited"
    assert 1 <= int(response.headers["retry-after"]) <= 60


async def sign_up(api: httpx.AsyncClient, username: str) -> None:
    registered = await api.post("/v1/auth/register", json={"username": username, "password": f"{username}-password"})
    assert registered.status_code == 201, registered.text


@pytest.mark.parametrize("limited", [{"rate_limit_wrong_passwords_per_account": "5/minute"}], indirect=True)
async def test_after_five_wrong_passwords_an_account_takes_no_sign_in_for_the_window(limited: httpx.AsyncClient):
    await sign_up(limited, "ann")
    await sign_up(limited, "bob")
    wrong = {"username": "ann", "password": "not-anns-password"}

    guesses = [await limited.post("/v1/auth/login", json=wrong) for _ in range(5)]
    sixth = await limited.post("/v1/auth/login", json=wrong)
    right = await limited.post("/v1/auth/login", json={"username": "ann", "password": "ann-password"})
    graphql = await limited.post(
        "/graphql", json={"query": LOG_IN, "variables": {"input": {"username": "ann", "password": "ann-password"}}}
    )
    merch = await limited.post("/api/auth", json={"username": "ann", "password": "ann-password"})
    others = await limited.post("/v1/auth/login", json={"username": "bob", "password": "bob-password"})

    assert [guess.status_code for guess in guesses] == [401] * 5
    assert_rate_limited(sixth)
    assert_rate_limited(right)  # the right password too: that is what stops guessing
    assert graphql.json()["data"] is None
    assert [error["extensions"]["code"] for error in graphql.json()["errors"]] == ["TOO_MANY_REQUESTS"]
    assert merch.status_code == 400  # the merch contract knows no 429
    assert merch.json()["errors"].startswith("too many wrong passwords")
    assert merch.headers["retry-after"]
    assert others.status_code == 200


@pytest.mark.parametrize("limited", [{"rate_limit_wrong_passwords_per_account": "3/minute"}], indirect=True)
async def test_wrong_passwords_through_the_merch_shop_count_for_the_account(limited: httpx.AsyncClient):
    assert (await limited.post("/api/auth", json={"username": "carl", "password": "carl-password"})).status_code == 200
    for _ in range(3):
        wrong = await limited.post("/api/auth", json={"username": "carl", "password": "guess-password"})
        assert wrong.status_code == 401

    refused = await limited.post("/v1/auth/login", json={"username": "carl", "password": "carl-password"})

    assert_rate_limited(refused)


@pytest.mark.parametrize("limited", [{"rate_limit_sign_ins_per_address": "3/minute"}], indirect=True)
async def test_one_address_gets_so_many_sign_ins_and_sign_ups(limited: httpx.AsyncClient):
    await sign_up(limited, "dora")
    await sign_up(limited, "emil")
    signed_in = await limited.post("/v1/auth/login", json={"username": "dora", "password": "dora-password"})
    fourth = await limited.post("/v1/auth/register", json={"username": "fred", "password": "fred-password"})

    assert signed_in.status_code == 200
    assert_rate_limited(fourth)


@pytest.mark.parametrize("limited", [{"rate_limit_requests_per_user": "4/minute"}], indirect=True)
async def test_each_user_has_a_request_budget(limited: httpx.AsyncClient):
    tokens = {}
    for name in ("gail", "hugo"):
        await sign_up(limited, name)
        answer = await limited.post("/v1/auth/login", json={"username": name, "password": f"{name}-password"})
        tokens[name] = {"Authorization": f"Bearer {answer.json()['access_token']}"}

    within = [await limited.get("/v1/users/me", headers=tokens["gail"]) for _ in range(4)]
    beyond = await limited.get("/v1/users/me", headers=tokens["gail"])
    graphql = await limited.post("/graphql", json={"query": "{ viewer { username } }"}, headers=tokens["gail"])
    other = await limited.get("/v1/users/me", headers=tokens["hugo"])

    assert [answer.status_code for answer in within] == [200] * 4
    assert_rate_limited(beyond)
    assert [error["extensions"]["code"] for error in graphql.json()["errors"]] == ["TOO_MANY_REQUESTS"]
    assert other.status_code == 200


@dataclass(frozen=True)
class SignedInOnLiveServer:
    server: LiveServer
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
async def two_sockets_each(tmp_path: Path) -> AsyncIterator[SignedInOnLiveServer]:
    """A live embedded platform that lets each user hold two WebSockets, and a user signed in on it."""
    settings: Settings = embedded_settings(tmp_path, ws_max_connections_per_user=2)
    with live_server(embedded_app(settings), settings) as server:
        async with httpx.AsyncClient(base_url=server.url) as client:
            await sign_up(client, "iris")
            login = await client.post("/v1/auth/login", json={"username": "iris", "password": "iris-password"})
        yield SignedInOnLiveServer(server, login.json()["access_token"])


async def test_a_user_holds_so_many_websockets_per_gateway_worker(two_sockets_each: SignedInOnLiveServer):
    url, headers = two_sockets_each.server.ws_url, two_sockets_each.headers
    async with websockets.connect(url, additional_headers=headers) as first:
        async with websockets.connect(url, additional_headers=headers) as second:
            for socket in (first, second):
                assert json.loads(await socket.recv())["type"] == "ready"
            async with websockets.connect(url, additional_headers=headers) as third:
                with pytest.raises(websockets.ConnectionClosed) as closed:
                    await third.recv()
            assert closed.value.rcvd is not None
            assert closed.value.rcvd.code == 4429
        # One closed: a new one is welcome again, once the server has seen it go.
        assert await welcomed_within(url, headers, seconds=10)


async def welcomed_within(url: str, headers: dict[str, str], seconds: float) -> bool:
    """Whether a socket is accepted (`ready`) before `seconds` pass; refusals (4429) meanwhile are retried."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        async with websockets.connect(url, additional_headers=headers) as socket:
            try:
                return bool(json.loads(await socket.recv())["type"] == "ready")
            except websockets.ConnectionClosed as closed:
                if closed.rcvd is None or closed.rcvd.code != 4429:
                    raise
        await asyncio.sleep(0.05)
    return False


async def test_graphql_websockets_count_against_the_same_bound(two_sockets_each: SignedInOnLiveServer):
    server, token, headers = two_sockets_each.server, two_sockets_each.token, two_sockets_each.headers
    graphql_url = f"ws://127.0.0.1:{server.port}/graphql"

    async def graphql_socket() -> websockets.ClientConnection:
        socket = await websockets.connect(graphql_url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")])
        await socket.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
        return socket

    async with websockets.connect(server.ws_url, additional_headers=headers) as live:
        assert json.loads(await live.recv())["type"] == "ready"
        first = await graphql_socket()
        assert json.loads(await first.recv())["type"] == "connection_ack"
        beyond = await graphql_socket()
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await beyond.recv()
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4429
        await first.close()
        # The GraphQL socket's slot is given back when it goes: /v1/ws takes it.
        assert await welcomed_within(server.ws_url, headers, seconds=10)
