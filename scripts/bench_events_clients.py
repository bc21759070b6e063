"""WebSocket clients for bench_events.py, in their own process: subscribe, then time every notification frame."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import resource
import signal
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvloop
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

HANDSHAKE_TIMEOUT_SECONDS = 30.0
CLOSE_TIMEOUT_SECONDS = 5.0


@dataclass
class Outcome:
    """What every client saw: each notification frame's arrival, and how connections failed or ended."""

    # (marker, received_at, created_at, cursor): the marker is the username the bench put in the event.
    receipts: list[tuple[str, float, str, str]] = field(default_factory=list)
    subscribed: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    closed_early: Counter[str] = field(default_factory=Counter)
    connect_seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "receipts": self.receipts,
            "subscribed": self.subscribed,
            "failures": dict(self.failures),
            "closed_early": dict(self.closed_early),
            "connect_seconds": self.connect_seconds,
        }


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="the gateway's WebSocket URL (ws://host:port/v1/ws)")
    parser.add_argument("--users", type=Path, required=True, help='JSON list of {"user_id": ..., "token": ...}')
    parser.add_argument("--ready-file", type=Path, required=True, help="written once every client has subscribed")
    parser.add_argument("--results", type=Path, required=True, help="written on SIGTERM/SIGINT")
    parser.add_argument("--connect-concurrency", type=int, default=50, help="handshakes in flight at once")
    return parser.parse_args(argv)


def write_json_atomically(path: Path, content: dict[str, Any]) -> None:
    """So that the bench, which polls for the file, never reads half of it."""
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(content))
    partial.rename(path)


def raise_open_files_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(needed, hard), hard))


async def open_subscribed(url: str, user: dict[str, str]) -> ClientConnection:
    """Connects with the token in the header, waits for `ready`, subscribes from cursor 0, waits for `subscribed`."""
    websocket = await connect(
        url,
        additional_headers={"Authorization": f"Bearer {user['token']}"},
        open_timeout=HANDSHAKE_TIMEOUT_SECONDS,
        ping_interval=None,  # the server pings; answering is enough
        close_timeout=CLOSE_TIMEOUT_SECONDS,
    )
    try:
        await expect_frame(websocket, "ready")
        await websocket.send(json.dumps({"type": "subscribe", "topic": "notifications", "cursor": 0}))
        await expect_frame(websocket, "subscribed")
    except BaseException:
        await websocket.close()
        raise
    return websocket


async def expect_frame(websocket: ClientConnection, kind: str) -> None:
    frame = json.loads(await asyncio.wait_for(websocket.recv(), HANDSHAKE_TIMEOUT_SECONDS))
    if frame.get("type") != kind:
        raise RuntimeError(f"expected a {kind!r} frame, got {frame}")


async def record_notifications(websocket: ClientConnection, outcome: Outcome) -> None:
    """Notes the arrival time of every notification frame, taken before the frame is parsed."""
    try:
        async for text in websocket:
            received_at = time.time()
            frame = json.loads(text)
            if frame.get("type") != "notification":
                continue
            notification = frame["notification"]
            marker = notification.get("data", {}).get("username", "")
            outcome.receipts.append((marker, received_at, notification["created_at"], frame["cursor"]))
    except ConnectionClosed as closed:
        outcome.closed_early[f"{closed.rcvd.code if closed.rcvd else 'no close frame'}"] += 1


async def connect_all(
    url: str, users: list[dict[str, str]], concurrency: int, outcome: Outcome
) -> list[ClientConnection]:
    slots = asyncio.Semaphore(concurrency)

    async def connect_one(user: dict[str, str]) -> ClientConnection | None:
        async with slots:
            try:
                return await open_subscribed(url, user)
            except Exception as error:
                outcome.failures[type(error).__name__] += 1
                return None

    started = time.monotonic()
    connected = await asyncio.gather(*(connect_one(user) for user in users))
    outcome.connect_seconds = time.monotonic() - started
    websockets = [websocket for websocket in connected if websocket is not None]
    outcome.subscribed = len(websockets)
    return websockets


async def run(args: argparse.Namespace) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    users = json.loads(args.users.read_text())
    outcome = Outcome()
    websockets = await connect_all(args.url, users, args.connect_concurrency, outcome)
    receivers = [asyncio.create_task(record_notifications(websocket, outcome)) for websocket in websockets]
    write_json_atomically(
        args.ready_file,
        {"subscribed": outcome.subscribed, "failures": dict(outcome.failures), "seconds": outcome.connect_seconds},
    )
    await stop.wait()
    for receiver in receivers:
        receiver.cancel()
    await asyncio.gather(*receivers, return_exceptions=True)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(
            asyncio.gather(*(websocket.close() for websocket in websockets), return_exceptions=True),
            CLOSE_TIMEOUT_SECONDS,
        )
    write_json_atomically(args.results, outcome.as_json())


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    raise_open_files_limit(len(json.loads(args.users.read_text())) + 256)
    uvloop.run(run(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
