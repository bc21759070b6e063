"""The blocking and asyncio notification streams: one loop written twice for its I/O, a `Resumption` deciding."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Generator
from typing import TYPE_CHECKING, Final

from websockets.asyncio.client import connect as connect_async
from websockets.sync.client import connect as connect_sync

from agora_sdk._generated.models import Notification
from agora_sdk._options import CallOptions
from agora_sdk._stream import CONNECTION_FAILURES, ReconnectHook, ReconnectPolicy, Resumption
from agora_sdk._stream_connection import connect_options, stream_url

if TYPE_CHECKING:
    from agora_sdk._base_client import AsyncAPIClient, SyncAPIClient

NOTIFICATIONS_PATH: Final = "/v1/ws"


def stream_notifications(
    client: SyncAPIClient,
    cursor: str,
    policy: ReconnectPolicy,
    on_reconnect: ReconnectHook | None,
    per_call: CallOptions,
) -> Generator[Notification, None, None]:
    """Yields my notifications after `cursor`, then new ones as they happen, reconnecting as the policy allows."""
    resumption = Resumption(cursor, policy, on_reconnect)
    url = stream_url(client, NOTIFICATIONS_PATH, per_call)
    while True:
        sent_token = client.access_token
        try:
            if resumption.refresh_due:
                client._refresh_expired(resumption.expired_token)
                resumption.refreshed()
                sent_token = client.access_token
            with connect_sync(url, **connect_options(client, sent_token, per_call)) as socket:
                socket.send(resumption.subscribe_frame())
                while True:
                    notification = resumption.receive(socket.recv())
                    if notification is not None:
                        yield notification
        except CONNECTION_FAILURES as failure:
            time.sleep(resumption.reconnect_delay(failure, sent_token, can_refresh=bool(client.refresh_token)))


async def astream_notifications(
    client: AsyncAPIClient,
    cursor: str,
    policy: ReconnectPolicy,
    on_reconnect: ReconnectHook | None,
    per_call: CallOptions,
) -> AsyncGenerator[Notification, None]:
    """Yields my notifications after `cursor`, then new ones as they happen, reconnecting as the policy allows."""
    resumption = Resumption(cursor, policy, on_reconnect)
    url = stream_url(client, NOTIFICATIONS_PATH, per_call)
    while True:
        sent_token = client.access_token
        try:
            if resumption.refresh_due:
                await client._refresh_expired(resumption.expired_token)
                resumption.refreshed()
                sent_token = client.access_token
            async with connect_async(url, **connect_options(client, sent_token, per_call)) as socket:
                await socket.send(resumption.subscribe_frame())
                while True:
                    notification = resumption.receive(await socket.recv())
                    if notification is not None:
                        yield notification
        except CONNECTION_FAILURES as failure:
            await asyncio.sleep(resumption.reconnect_delay(failure, sent_token, can_refresh=bool(client.refresh_token)))
