"""Live notifications over the WebSocket: an async iterator that reconnects and resumes after its cursor."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncGenerator, AsyncIterator
from typing import TYPE_CHECKING, Any

import websockets

from agora_sdk._exceptions import AgoraError
from agora_sdk._generated.models import Notification

if TYPE_CHECKING:
    from agora_sdk._base_client import AsyncAPIClient

UNAUTHENTICATED = 4401
TOKEN_EXPIRED = "token_expired"


class StreamError(AgoraError):
    """The server refused the stream for a reason a reconnect cannot fix."""


def websocket_url(base_url: str, path: str = "/v1/ws") -> str:
    scheme, _, rest = base_url.partition("://")
    return f"{'wss' if scheme == 'https' else 'ws'}://{rest.rstrip('/')}{path}"


async def stream_notifications(
    client: AsyncAPIClient,
    cursor: str,
    *,
    initial_delay: float,
    max_delay: float,
) -> AsyncGenerator[Notification, None]:
    """Yields my notifications after `cursor`, then new ones as they happen, forever.

    A dropped connection is retried with backoff and resumed after the last notification yielded, so none
    is missed or repeated. An expired access token is refreshed once per reconnect when a refresh token is held.
    """
    last, failures = cursor, 0
    while True:
        try:
            async for notification in _one_connection(client, last):
                last, failures = notification.cursor, 0
                yield notification
        except websockets.ConnectionClosed as closed:
            await _after_close(client, closed)
        except (OSError, TimeoutError, websockets.InvalidHandshake):
            pass
        delay = min(initial_delay * 2**failures, max_delay) * (1 - 0.25 * random.random())
        failures += 1
        await asyncio.sleep(delay)


async def _one_connection(client: AsyncAPIClient, cursor: str) -> AsyncIterator[Notification]:
    headers = {"Authorization": f"Bearer {client.access_token}"} if client.access_token else {}
    async with websockets.connect(websocket_url(client.base_url), additional_headers=headers) as connection:
        await connection.send(json.dumps({"type": "subscribe", "topic": "notifications", "cursor": cursor}))
        async for raw in connection:
            frame: dict[str, Any] = json.loads(raw)
            if frame.get("type") == "notification":
                yield Notification.from_dict(frame["notification"])
            elif frame.get("type") == "error":
                raise StreamError(f"{frame.get('code')}: {frame.get('detail')}")


async def _after_close(client: AsyncAPIClient, closed: websockets.ConnectionClosed) -> None:
    if closed.rcvd is None or closed.rcvd.code != UNAUTHENTICATED:
        return
    if closed.rcvd.reason == TOKEN_EXPIRED and client.refresh_token:
        await client._refresh_expired(client.access_token)
        return
    raise StreamError(f"the server refused the stream: {closed.rcvd.reason or 'unauthenticated'}")
