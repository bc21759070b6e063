"""The SDK's live stream against a real gateway: it resumes after a restart and misses nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

from agora_sdk import AsyncAgora, ReconnectPolicy
from services.embedded import embedded_app
from tests.api.test_websocket import User, make_notifications
from tests.conftest import embedded_settings
from tests.support import free_port, live_server

# Enough reconnects, quick ones, to outlast the gateway's restart.
FAST = ReconnectPolicy(max_attempts=None, max_elapsed=30, initial_delay=0.05, max_delay=0.2)


async def test_the_stream_resumes_after_the_gateway_restarts(tmp_path: Path):
    settings = embedded_settings(tmp_path)
    port = free_port()
    async with AsyncAgora(base_url=f"http://127.0.0.1:{port}", max_retries=0) as client:
        with live_server(embedded_app(settings), settings, port=port):
            registered = await client.identity.register(username="streamer", password="streamer-password")
            await client.identity.login(username="streamer", password="streamer-password")
            stream = client.notifications.stream(reconnect_policy=FAST)
            welcome = await asyncio.wait_for(anext(stream), 10)
            assert (welcome.kind, welcome.cursor) == ("welcome", "1")

        with live_server(embedded_app(settings), settings, port=port) as restarted:
            make_notifications(restarted, User(str(registered.id), "streamer", ""), 2)
            resumed = [await asyncio.wait_for(anext(stream), 10) for _ in range(2)]
            assert [n.cursor for n in resumed] == ["2", "3"]
            await stream.aclose()
