"""The WebSocket edge on a live port: replay after a cursor, live delivery, bad input, and slow clients."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from agora.events.v1.identity_pb2 import UserRegistered
from agora.events.v1.notifications_pb2 import NotificationCreated
from agora.notifications.v1.notifications_pb2 import Notification
from services.embedded import embedded_app
from services.platform.events import to_message, wrap
from services.platform.settings import Settings
from tests.conftest import embedded_settings
from tests.support import LiveServer, live_server, mint_access_token

SEND_QUEUE = 8


@pytest.fixture(scope="module")
def ws_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return embedded_settings(
        Path(tmp_path_factory.mktemp("ws")), ws_send_queue_size=SEND_QUEUE, ws_auth_timeout_seconds=0.5
    )


@pytest.fixture(scope="module")
def server(ws_settings: Settings) -> Iterator[LiveServer]:
    with live_server(embedded_app(ws_settings), ws_settings) as running:
        yield running


class User:
    def __init__(self, user_id: str, username: str, token: str) -> None:
        self.id, self.username, self.token = user_id, username, token


@pytest.fixture
async def user(server: LiveServer) -> User:
    return await new_user(server)


async def new_user(server: LiveServer) -> User:
    username = f"ws{uuid.uuid4().hex[:10]}"
    async with httpx.AsyncClient(base_url=server.url) as client:
        registered = await client.post("/v1/auth/register", json={"username": username, "password": "ws-password"})
        tokens = await client.post("/v1/auth/login", json={"username": username, "password": "ws-password"})
    return User(registered.json()["id"], username, tokens.json()["access_token"])


@pytest.fixture
async def socket(server: LiveServer, user: User) -> AsyncIterator[ClientConnection]:
    async with websockets.connect(server.ws_url) as connection:
        await connection.send(json.dumps({"type": "auth", "token": user.token}))
        assert (await frame(connection))["type"] == "ready"
        yield connection


async def frame(connection: ClientConnection, timeout: float = 5) -> dict[str, Any]:
    received: dict[str, Any] = json.loads(await asyncio.wait_for(connection.recv(), timeout))
    return received


async def subscribe(connection: ClientConnection, cursor: object = 0) -> None:
    await connection.send(json.dumps({"type": "subscribe", "topic": "notifications", "cursor": cursor}))
    assert await frame(connection) == {"type": "subscribed", "topic": "notifications"}


async def notifications(connection: ClientConnection, count: int) -> list[str]:
    cursors = []
    for _ in range(count):
        received = await frame(connection)
        assert received["type"] == "notification"
        assert received["cursor"] == received["notification"]["cursor"]
        cursors.append(received["cursor"])
    return cursors


async def nothing_more(connection: ClientConnection) -> None:
    with pytest.raises(TimeoutError):
        await frame(connection, timeout=0.3)


def make_notifications(server: LiveServer, user: User, count: int) -> None:
    """Each UserRegistered event (with a new event id) becomes one more notification through the consumer."""
    bus = server.app.state.platform.bus
    events = [UserRegistered(user_id=user.id, username=user.username) for _ in range(count)]
    server.run_in_server_loop(bus.publish([to_message(wrap(e, producer="identity")) for e in events]))


async def test_cursor_0_brings_the_welcome_notification(socket: ClientConnection):
    await subscribe(socket, cursor=0)
    received = await frame(socket)
    assert received["notification"]["kind"] == "welcome"
    assert received["cursor"] == "1"


async def test_a_reconnecting_client_gets_exactly_what_it_missed_in_order(server: LiveServer, user: User):
    async with websockets.connect(server.ws_url, additional_headers={"Authorization": f"Bearer {user.token}"}) as ws:
        await frame(ws)
        await subscribe(ws)
        assert await notifications(ws, 1) == ["1"]
    make_notifications(server, user, 3)
    await asyncio.sleep(0.3)
    async with websockets.connect(server.ws_url, additional_headers={"Authorization": f"Bearer {user.token}"}) as ws:
        await frame(ws)
        await subscribe(ws, cursor="1")
        assert await notifications(ws, 3) == ["2", "3", "4"]
        await nothing_more(ws)
        make_notifications(server, user, 2)
        assert await notifications(ws, 2) == ["5", "6"]
        await nothing_more(ws)


async def test_unsubscribing_stops_live_delivery(server: LiveServer, user: User, socket: ClientConnection):
    await subscribe(socket)
    await notifications(socket, 1)
    await socket.send(json.dumps({"type": "unsubscribe", "topic": "notifications"}))
    assert (await frame(socket))["type"] == "unsubscribed"
    make_notifications(server, user, 1)
    await nothing_more(socket)


async def test_ping_is_answered(socket: ClientConnection):
    await socket.send(json.dumps({"type": "ping", "id": "p-1"}))
    assert await frame(socket) == {"type": "pong", "id": "p-1"}


@pytest.mark.parametrize(
    ("sent", "code"),
    [
        ("not json", "malformed_frame"),
        ("[1, 2]", "malformed_frame"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"type": "subscribe", "topic": "weather"}', "unknown_topic"),
        ('{"type": "subscribe", "topic": "notifications", "cursor": -1}', "invalid_cursor"),
        ('{"type": "subscribe", "topic": "notifications", "cursor": "abc"}', "invalid_cursor"),
        ('{"type": "unsubscribe", "topic": "notifications"}', "not_subscribed"),
        ('{"type": "subscribe", "topic": ["notifications"]}', "unknown_topic"),
        ('{"type": "subscribe", "topic": {"a": 1}}', "unknown_topic"),
        ('{"type": "unsubscribe", "topic": ["notifications"]}', "not_subscribed"),
        ('{"type": ["ping"]}', "unknown_type"),
        ('{"type": "subscribe", "topic": "notifications", "cursor": "\u00b2"}', "invalid_cursor"),  # a superscript 2
        ('{"type": "subscribe", "topic": "notifications", "cursor": "\u0661\u0662"}', "invalid_cursor"),  # Arabic 12
        ('{"type": "ping", "id": NaN}', "malformed_frame"),
        ('{"type": "ping", "id": -Infinity}', "malformed_frame"),
        ('{"type": "ping", "id": 1e400}', "malformed_frame"),  # read as infinity
        ('{"type": "ping", "id": ' + "[" * 30_000 + "]" * 30_000 + "}", "malformed_frame"),
    ],
    ids=lambda value: value[:60] if isinstance(value, str) else value,
)
async def test_bad_frames_get_an_error_frame_and_the_connection_lives_on(
    socket: ClientConnection, sent: str, code: str
):
    await socket.send(sent)
    received = await frame(socket)
    assert (received["type"], received["code"]) == ("error", code)
    await socket.send(json.dumps({"type": "ping", "id": 1}))
    assert (await frame(socket))["type"] == "pong"


@pytest.mark.parametrize(
    "first_frame", [None, '{"type": "auth", "token": "not-a-token"}', '{"type": "ping"}', "garbage"]
)
async def test_unauthenticated_clients_are_closed_with_4401(server: LiveServer, first_frame: str | None):
    async with websockets.connect(server.ws_url) as ws:
        if first_frame is not None:
            await ws.send(first_frame)
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await frame(ws)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4401


async def test_a_socket_is_closed_with_4401_token_expired_when_its_token_expires(
    server: LiveServer, ws_settings: Settings, user: User
):
    lifetime = timedelta(hours=1)  # what mint_access_token gives; issued so that 1.5 s of it are left
    token = mint_access_token(
        ws_settings, uuid.UUID(user.id), "customer", datetime.now(UTC) - lifetime + timedelta(seconds=1.5)
    )
    async with websockets.connect(server.ws_url) as connection:
        await connection.send(json.dumps({"type": "auth", "token": token}))
        assert (await frame(connection))["type"] == "ready"
        await subscribe(connection)
        assert len(await notifications(connection, 1)) == 1  # the welcome: the socket works until then
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await frame(connection, timeout=10)
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4401, "token_expired")


async def test_huge_and_binary_frames_close_the_connection(server: LiveServer, socket: ClientConnection):
    await socket.send("x" * (128 * 1024))
    with pytest.raises(websockets.ConnectionClosed) as closed:
        await frame(socket)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1009
    async with websockets.connect(server.ws_url) as ws:
        await ws.send(json.dumps({"type": "auth", "token": (await new_user(server)).token}))
        await frame(ws)
        await ws.send(b"\x00\x01")
        with pytest.raises(websockets.ConnectionClosed) as binary:
            await frame(ws)
    assert binary.value.rcvd is not None
    assert binary.value.rcvd.code == 1003
    await gateway_is_alive(server)


async def gateway_is_alive(server: LiveServer) -> None:
    async with httpx.AsyncClient(base_url=server.url) as client:
        assert (await client.get("/healthz")).status_code == 200


async def read_until_closed(connection: ClientConnection) -> tuple[int, int | None]:
    """How many frames arrived before the server closed the connection, and the close code it sent."""
    received = 0
    try:
        while True:
            await frame(connection, timeout=10)
            received += 1
    except websockets.ConnectionClosed as closed:
        return received, closed.rcvd.code if closed.rcvd else None


async def test_a_client_that_stops_reading_is_disconnected_with_4408(server: LiveServer, user: User):
    async with websockets.connect(server.ws_url, max_queue=1) as ws:
        await ws.send(json.dumps({"type": "auth", "token": user.token}))
        await frame(ws)
        await subscribe(ws)
        await notifications(ws, 1)
        flood = [
            NotificationCreated(notification=Notification(id=str(uuid.uuid4()), user_id=user.id, sequence=sequence,
                                                          kind="flood", title="x" * 200, body="y" * 500))
            for sequence in range(2, 40_002)
        ]  # fmt: skip
        bus = server.app.state.platform.bus
        server.run_in_server_loop(bus.publish([to_message(wrap(event, producer="notifications")) for event in flood]))
        received, code = await read_until_closed(ws)
    assert code == 4408
    assert received < len(flood)
    await gateway_is_alive(server)
