"""Live notifications in real mode: every gateway process hears every notification through RabbitMQ."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import uuid
from collections.abc import Iterator

import httpx
import pytest
import websockets

from agora.events.v1.identity_pb2 import UserRegistered
from services.platform.bus.rabbitmq import RabbitMqBus
from services.platform.events import to_message, wrap
from tests.e2e.conftest import AGORA, RealPlatform, wait_until_ready
from tests.support import free_port

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def second_gateway(real_platform: RealPlatform) -> Iterator[str]:
    port = free_port()
    env = {**real_platform.env, "AGORA_GATEWAY_PORT": str(port)}
    process = subprocess.Popen([AGORA, "serve", "gateway"], env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, process)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


async def sign_up(base_url: str) -> tuple[str, str, str]:
    username = f"live{uuid.uuid4().hex[:8]}"
    async with httpx.AsyncClient(base_url=base_url) as client:
        user = (await client.post("/v1/auth/register", json={"username": username, "password": "live-password"})).json()
        login = await client.post("/v1/auth/login", json={"username": username, "password": "live-password"})
    return user["id"], username, login.json()["access_token"]


async def subscribed_after_welcome(base_url: str, token: str) -> websockets.ClientConnection:
    connection = await websockets.connect(base_url.replace("http", "ws") + "/v1/ws")
    await connection.send(json.dumps({"type": "auth", "token": token}))
    await connection.send(json.dumps({"type": "subscribe", "topic": "notifications", "cursor": 0}))
    async with asyncio.timeout(15):
        while (json.loads(await connection.recv())).get("cursor") != "1":
            pass
    return connection


async def next_cursor(connection: websockets.ClientConnection) -> str:
    async with asyncio.timeout(15):
        while True:
            frame = json.loads(await connection.recv())
            if frame["type"] == "notification":
                return str(frame["cursor"])


async def test_clients_on_different_gateways_each_get_their_notifications(
    real_platform: RealPlatform, second_gateway: str
):
    first_id, first_name, first_token = await sign_up(real_platform.base_url)
    second_id, second_name, second_token = await sign_up(second_gateway)
    on_first = await subscribed_after_welcome(real_platform.base_url, first_token)
    on_second = await subscribed_after_welcome(second_gateway, second_token)
    same_user_on_second = await subscribed_after_welcome(second_gateway, first_token)

    namespace = real_platform.env["AGORA_EVENT_NAMESPACE"]
    bus = RabbitMqBus(real_platform.env["AGORA_AMQP_URL"], exchange=f"{namespace}.events")
    await bus.start()
    events = [
        UserRegistered(user_id=first_id, username=first_name),
        UserRegistered(user_id=second_id, username=second_name),
    ]
    await bus.publish([to_message(wrap(event, producer="identity")) for event in events])
    await bus.close()

    assert await next_cursor(on_first) == "2"
    assert await next_cursor(on_second) == "2"
    assert await next_cursor(same_user_on_second) == "2"
    for connection in (on_first, on_second, same_user_on_second):
        await connection.close()


async def test_a_client_reconnecting_with_its_cursor_gets_exactly_what_it_missed(real_platform: RealPlatform):
    user_id, username, token = await sign_up(real_platform.base_url)
    first = await subscribed_after_welcome(real_platform.base_url, token)
    await first.close()

    namespace = real_platform.env["AGORA_EVENT_NAMESPACE"]
    bus = RabbitMqBus(real_platform.env["AGORA_AMQP_URL"], exchange=f"{namespace}.events")
    await bus.start()
    missed = [UserRegistered(user_id=user_id, username=username) for _ in range(3)]
    await bus.publish([to_message(wrap(event, producer="identity")) for event in missed])
    await bus.close()
    await asyncio.sleep(1)

    again = await websockets.connect(real_platform.base_url.replace("http", "ws") + "/v1/ws")
    await again.send(json.dumps({"type": "auth", "token": token}))
    await again.send(json.dumps({"type": "subscribe", "topic": "notifications", "cursor": "1"}))
    assert [await next_cursor(again) for _ in range(3)] == ["2", "3", "4"]
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(next_cursor(again), 0.5)
    await again.close()
