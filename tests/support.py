"""Small helpers shared by several test modules."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import aio_pika
import grpc
import httpx
import uvicorn
from fastapi import FastAPI, Request
from grpc_reflection.v1alpha import reflection_pb2

from services.identity.adapters.keys import KeySet, TokenIssuer
from services.platform.settings import Settings

T = TypeVar("T")


def fake_request(body: bytes, path: str = "/v1/products", method: str = "POST") -> Request:
    """A Starlette request with a body, for code that reads requests without a running app."""

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {"type": "http", "method": method, "path": path, "query_string": b"", "headers": []}
    return Request(scope, receive)


def mint_access_token(settings: Settings, user_id: uuid.UUID, role: str, issued_at: datetime | None = None) -> str:
    """An access token signed with the platform's own key set, as identity would issue it (valid for an hour)."""
    issuer = TokenIssuer(KeySet.load(settings.keys_dir), settings.jwt_issuer, settings.jwt_audience, timedelta(hours=1))
    return issuer.access_token(user_id, role, issued_at or datetime.now(UTC))


async def drop_event_namespace(amqp_url: str, namespace: str) -> None:
    """Deletes a test platform's exchange and every queue named under its namespace."""
    listing = await asyncio.create_subprocess_exec(
        "rabbitmqctl", "list_queues", "--quiet", "--no-table-headers", "name", stdout=asyncio.subprocess.PIPE
    )
    stdout, _ = await listing.communicate()
    queues = [name for name in stdout.decode().split() if name.startswith(f"{namespace}.")]
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        for queue in queues:
            await channel.queue_delete(queue)
        await channel.exchange_delete(f"{namespace}.events")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LiveServer:
    """An app served by uvicorn on a real port, in a thread of this process (its own event loop)."""

    app: FastAPI
    port: int
    server: uvicorn.Server

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/v1/ws"

    def run_in_server_loop(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Runs a coroutine on the server's loop (where its bus and channels live) and waits for it."""
        loop = next(iter(self.server.servers)).get_loop()
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout=60)


@contextmanager
def live_server(app: FastAPI, settings: Settings, port: int | None = None) -> Iterator[LiveServer]:
    port = port or free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, ws_max_size=settings.ws_max_frame_bytes)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the app did not start"
        assert thread.is_alive(), "the app failed to start"
        time.sleep(0.05)
    try:
        yield LiveServer(app, port, server)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


async def merch_sign_in(client: httpx.AsyncClient, username: str, password: str) -> dict[str, str]:
    """Signs in (or up) through the merch shop's /api/auth; returns the Authorization header."""
    response = await client.post("/api/auth", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


async def merch_info(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    """The merch shop's /api/info of the signed-in user."""
    response = await client.get("/api/info", headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


Read = TypeVar("Read")


async def read_until(
    read: Callable[[], Awaitable[Read]], done: Callable[[Read], bool], what: str, timeout: float = 10.0
) -> Read:
    """Reads until `done` holds of what was read (a condition, not a sleep); fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = await read()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s: last read {value!r}")
        await asyncio.sleep(0.02)


async def listed_services(channel: grpc.aio.Channel) -> set[str]:
    """What gRPC server reflection lists on the channel's server (UNIMPLEMENTED where reflection is off).

    Asked as one unary call on the streaming method (one request, one answer): a stream whose server refuses it
    at once can fail on the client's own send (INTERNAL) instead of telling UNIMPLEMENTED.
    """
    ask = channel.unary_unary(
        "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
        request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
        response_deserializer=reflection_pb2.ServerReflectionResponse.FromString,
    )
    reply = await ask(reflection_pb2.ServerReflectionRequest(list_services=""), timeout=2.0)
    return {service.name for service in reply.list_services_response.service}
