"""Small helpers shared by several test modules."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import aio_pika
from fastapi import Request

from services.identity.adapters.keys import KeySet, TokenIssuer
from services.platform.settings import Settings


def fake_request(body: bytes, path: str = "/v1/products", method: str = "POST") -> Request:
    """A Starlette request with a body, for code that reads requests without a running app."""

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {"type": "http", "method": method, "path": path, "query_string": b"", "headers": []}
    return Request(scope, receive)


def mint_access_token(settings: Settings, user_id: uuid.UUID, role: str) -> str:
    """An access token signed with the platform's own key set, as identity would issue it."""
    issuer = TokenIssuer(KeySet.load(settings.keys_dir), settings.jwt_issuer, settings.jwt_audience, timedelta(hours=1))
    return issuer.access_token(user_id, role, datetime.now(UTC))


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
