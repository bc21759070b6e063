"""The SDK's live streams, blocking and asyncio, against a real gateway: they resume after a restart or an expired
token and miss nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from agora_sdk import Agora, AsyncAgora, ReconnectAttempt, ReconnectPolicy
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


@pytest.mark.timeout(120)
def test_the_blocking_stream_resumes_after_the_gateway_restarts(tmp_path: Path):
    settings = embedded_settings(tmp_path)
    port = free_port()
    with Agora(base_url=f"http://127.0.0.1:{port}", max_retries=0) as client:
        with live_server(embedded_app(settings), settings, port=port):
            registered = client.identity.register(username="blocker", password="blocker-password")
            client.identity.login(username="blocker", password="blocker-password")
            stream = client.notifications.stream(reconnect_policy=FAST)
            welcome = next(stream)
            assert (welcome.kind, welcome.cursor) == ("welcome", "1")

        with live_server(embedded_app(settings), settings, port=port) as restarted:
            make_notifications(restarted, User(str(registered.id), "blocker", ""), 2)
            assert [next(stream).cursor for _ in range(2)] == ["2", "3"]
            stream.close()


@pytest.mark.timeout(120)
def test_the_blocking_stream_refreshes_an_expired_token_and_misses_nothing(tmp_path: Path):
    settings = embedded_settings(tmp_path, access_token_ttl_seconds=2)
    with live_server(embedded_app(settings), settings) as server, Agora(base_url=server.url, max_retries=0) as client:
        registered = client.identity.register(username="refresher", password="refresher-password")
        first = client.identity.login(username="refresher", password="refresher-password")
        reasons: list[int | None] = []

        def meanwhile(attempt: ReconnectAttempt) -> None:
            """While the stream is between connections, one more notification is made for it to catch up on."""
            reasons.append(attempt.close_code)
            if len(reasons) == 1:
                make_notifications(server, User(str(registered.id), "refresher", ""), 1)

        stream = client.notifications.stream(reconnect_policy=FAST, on_reconnect=meanwhile)
        assert next(stream).cursor == "1"
        assert next(stream).cursor == "2"  # sent once the socket's token expired and the stream reconnected
        stream.close()
    assert reasons[0] == 4401
    assert client.access_token != first.access_token
