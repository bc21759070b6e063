"""GraphQL subscriptions over graphql-transport-ws on a live port: a user's notifications (replay after a cursor,
then live, only their own) and one order followed to its end."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from services.embedded import embedded_app
from services.platform.settings import Settings
from tests.conftest import embedded_settings
from tests.support import LiveServer, live_server, mint_access_token

NOTIFICATIONS = (
    "subscription($after: String) { notificationReceived(after: $after) { cursor kind data { key value } } }"
)


@pytest.fixture(scope="module")
def ws_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return embedded_settings(Path(tmp_path_factory.mktemp("graphql-ws")))


@pytest.fixture(scope="module")
def server(ws_settings: Settings) -> Iterator[LiveServer]:
    with live_server(embedded_app(ws_settings), ws_settings) as running:
        yield running


async def signed_up(server: LiveServer) -> tuple[str, str]:
    """A new user's name and access token."""
    username = f"gq{uuid.uuid4().hex[:10]}"
    async with httpx.AsyncClient(base_url=server.url) as client:
        await client.post("/v1/auth/register", json={"username": username, "password": "graphql-password"})
        tokens = await client.post("/v1/auth/login", json={"username": username, "password": "graphql-password"})
    return username, tokens.json()["access_token"]


async def message(socket: ClientConnection, timeout: float = 5) -> dict[str, Any]:
    received: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), timeout))
    return received


@pytest.fixture
async def connect(server: LiveServer) -> AsyncIterator[Any]:
    sockets: list[ClientConnection] = []

    async def connect(token: str | None) -> ClientConnection:
        socket = await websockets.connect(
            f"ws://127.0.0.1:{server.port}/graphql", subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
        )
        sockets.append(socket)
        payload = {"Authorization": f"Bearer {token}"} if token else {}
        await socket.send(json.dumps({"type": "connection_init", "payload": payload}))
        assert (await message(socket))["type"] == "connection_ack"
        return socket

    yield connect
    for socket in sockets:
        await socket.close()


async def subscribe(socket: ClientConnection, query: str, variables: dict[str, Any] | None = None) -> str:
    operation = uuid.uuid4().hex
    await socket.send(
        json.dumps({"type": "subscribe", "id": operation, "payload": {"query": query, "variables": variables or {}}})
    )
    return operation


async def next_data(socket: ClientConnection, operation: str) -> dict[str, Any]:
    received = await message(socket)
    assert (received["type"], received["id"]) == ("next", operation), received
    assert "errors" not in received["payload"], received
    data: dict[str, Any] = received["payload"]["data"]
    return data


async def send_coins(server: LiveServer, token: str, to: str, amount: int) -> None:
    async with httpx.AsyncClient(base_url=server.url) as client:
        sent = await client.post(
            "/v1/wallet/transfers",
            json={"to_username": to, "amount": {"amount": amount, "currency": "COIN"}},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert sent.status_code == 201, sent.text


async def test_notifications_replay_after_the_cursor_then_arrive_live_and_only_the_users_own(
    server: LiveServer, connect: Any
) -> None:
    rae, rae_token = await signed_up(server)
    sam, sam_token = await signed_up(server)
    socket = await connect(rae_token)

    replayed = await subscribe(socket, NOTIFICATIONS)
    welcome = (await next_data(socket, replayed))["notificationReceived"]
    await send_coins(server, rae_token, sam, 5)  # sam's notification, never rae's
    await send_coins(server, sam_token, rae, 7)
    received = (await next_data(socket, replayed))["notificationReceived"]

    assert welcome["kind"] == "welcome"
    assert received["kind"] == "transfer_received"
    assert {"key": "amount", "value": "7"} in received["data"]
    assert int(received["cursor"]) == int(welcome["cursor"]) + 1

    again = await connect(rae_token)
    resumed = await subscribe(again, NOTIFICATIONS, {"after": welcome["cursor"]})
    assert (await next_data(again, resumed))["notificationReceived"] == received


async def test_an_order_is_followed_until_it_is_paid(server: LiveServer, connect: Any) -> None:
    _, token = await signed_up(server)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=server.url) as client:
        products = (await client.get("/v1/products?category=merch&limit=100")).json()["items"]
        pen = next(product["id"] for product in products if product["name"] == "pen")
        placed = await client.post("/v1/orders", json={"items": [{"product_id": pen, "quantity": 1}]}, headers=headers)
    socket = await connect(token)
    graphql_id = await order_global_id(server, token)

    followed = await subscribe(
        socket, "subscription($id: ID!) { orderUpdated(id: $id) { status } }", {"id": graphql_id}
    )
    statuses: list[str] = []
    while not statuses or statuses[-1] != "PAID":
        statuses.append((await next_data(socket, followed))["orderUpdated"]["status"])

    assert placed.status_code == 201
    assert statuses[-1] == "PAID"
    assert statuses == sorted(set(statuses), key=["PENDING", "RESERVED", "PAID"].index)
    await socket.send(json.dumps({"type": "complete", "id": followed}))  # a paid order may still be shipped


async def order_global_id(server: LiveServer, token: str) -> str:
    async with httpx.AsyncClient(base_url=server.url) as client:
        answer = await client.post(
            "/graphql",
            json={"query": "{ viewer { orders(first: 1) { nodes { id } } } }"},
            headers={"Authorization": f"Bearer {token}"},
        )
    return str(answer.json()["data"]["viewer"]["orders"]["nodes"][0]["id"])


async def test_a_connection_is_closed_with_4401_token_expired_when_its_token_expires(
    server: LiveServer, ws_settings: Settings, connect: Any
) -> None:
    _, token = await signed_up(server)
    claims = jwt.decode(token, options={"verify_signature": False})
    lifetime = timedelta(hours=1)  # what mint_access_token gives; issued so that 1.5 s of it are left
    issued_at = datetime.now(UTC) - lifetime + timedelta(seconds=1.5)
    socket = await connect(mint_access_token(ws_settings, uuid.UUID(claims["sub"]), "customer", issued_at))
    operation = await subscribe(socket, NOTIFICATIONS)
    assert (await next_data(socket, operation))["notificationReceived"]["kind"] == "welcome"

    with pytest.raises(websockets.ConnectionClosed) as closed:
        await message(socket, timeout=10)

    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4401, "token_expired")


async def test_a_subscription_without_a_token_is_refused_with_its_code(server: LiveServer, connect: Any) -> None:
    socket = await connect(None)

    operation = await subscribe(socket, NOTIFICATIONS)
    refused = await message(socket)

    assert (refused["type"], refused["id"]) == ("error", operation), refused
    assert [error["extensions"]["reason"] for error in refused["payload"]] == ["missing_token"]


async def test_a_subscription_with_a_bad_token_is_refused_with_its_code_and_the_socket_stays_open(
    server: LiveServer, connect: Any
) -> None:
    socket = await connect("not-a-token")

    first = await subscribe(socket, NOTIFICATIONS)
    refused = await message(socket)
    second = await subscribe(socket, NOTIFICATIONS)
    refused_again = await message(socket)

    assert (refused["type"], refused["id"]) == ("error", first), refused
    assert [error["extensions"]["code"] for error in refused["payload"]] == ["UNAUTHENTICATED"]
    assert (refused_again["type"], refused_again["id"]) == ("error", second), refused_again
