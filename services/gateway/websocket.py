"""The WebSocket edge at /v1/ws (contracts/asyncapi/agora.ws.yaml): authenticate, subscribe, ping, live frames."""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from fastapi import WebSocket
from starlette.websockets import WebSocketState

from services.gateway.auth import TokenVerifier, VerifiedToken
from services.gateway.live import FetchAfter, LiveHub, NotificationFeed, SlowConsumer, notification_frame
from services.platform.context import Principal
from services.platform.rest import ProblemError

TOPICS = {"notifications"}
MAX_CURSOR = 10**18

CLOSE_UNSUPPORTED_DATA = 1003
CLOSE_UNAUTHENTICATED = 4401
CLOSE_SLOW_CONSUMER = 4408
CLOSE_TOO_MANY_CONNECTIONS = 4429


class OpenSockets:
    """How many sockets each user holds open on this gateway worker, against a bound (0: any)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._held: Counter[str] = Counter()

    def open(self, user_id: str) -> bool:
        if 0 < self.limit <= self._held[user_id]:
            return False
        self._held[user_id] += 1
        return True

    def close(self, user_id: str) -> None:
        self._held[user_id] -= 1
        if self._held[user_id] <= 0:
            del self._held[user_id]


class ClientSocket:
    """One connection's outgoing side: a bounded queue drained by a writer, so a stalled client costs little."""

    def __init__(self, websocket: WebSocket, queue_size: int) -> None:
        self.websocket = websocket
        self._queue: asyncio.Queue[str] = asyncio.Queue(maxsize=queue_size)
        self._writer = asyncio.create_task(self._drain())
        self._closing: asyncio.Task[None] | None = None
        self.closed = asyncio.Event()

    def send(self, frame: dict[str, Any]) -> None:
        if self.closed.is_set():
            raise SlowConsumer("the socket is closing")
        try:
            self._queue.put_nowait(json.dumps(frame, separators=(",", ":"), allow_nan=False))
        except asyncio.QueueFull:
            self.close_soon(CLOSE_SLOW_CONSUMER, "slow consumer: stopped reading")
            raise SlowConsumer("the client stopped reading") from None

    def close_soon(self, code: int, reason: str) -> None:
        self._closing = asyncio.get_running_loop().create_task(self.close(code, reason))

    async def close(self, code: int, reason: str) -> None:
        if self.closed.is_set():
            return
        self.closed.set()
        self._writer.cancel()
        with contextlib.suppress(Exception):
            if self.websocket.application_state == WebSocketState.CONNECTED:
                await asyncio.wait_for(self.websocket.close(code=code, reason=reason), timeout=2)

    async def _drain(self) -> None:
        with contextlib.suppress(Exception):
            while True:
                await self.websocket.send_text(await self._queue.get())


class Session:
    """What one authenticated client has asked for, and the frames it sends."""

    def __init__(self, principal: Principal, socket: ClientSocket, hub: LiveHub, fetch_after: FetchAfter) -> None:
        self.principal = principal
        self.socket = socket
        self.hub = hub
        self.fetch_after = fetch_after
        self.feeds: dict[str, NotificationFeed] = {}

    async def handle(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        if kind == "ping":
            self.socket.send({"type": "pong", "id": frame.get("id")})
        elif kind == "subscribe":
            await self.subscribe(frame)
        elif kind == "unsubscribe":
            self.unsubscribe(frame)
        else:
            self.error("unknown_type", "type must be ping, subscribe or unsubscribe")

    async def subscribe(self, frame: dict[str, Any]) -> None:
        topic, cursor = frame.get("topic"), cursor_of(frame.get("cursor", "0"))
        if not isinstance(topic, str) or topic not in TOPICS:
            self.error("unknown_topic", f"topic must be one of {sorted(TOPICS)}")
        elif cursor is None:
            self.error("invalid_cursor", "cursor must be a notification's cursor: digits, or 0 for everything")
        elif topic in self.feeds:
            self.error("already_subscribed", f"already subscribed to {topic}")
        else:
            feed = NotificationFeed(
                self.principal.user_id, self.fetch_after, lambda found: self.socket.send(notification_frame(found))
            )
            self.feeds[topic] = feed
            self.hub.add(feed)  # before the replay, so nothing committed meanwhile slips between the two
            self.socket.send({"type": "subscribed", "topic": topic})
            await feed.start(cursor)

    def unsubscribe(self, frame: dict[str, Any]) -> None:
        feed = self.feeds.pop(str(frame.get("topic")), None)
        if feed is None:
            self.error("not_subscribed", "no such subscription")
            return
        self.hub.remove(feed)
        self.socket.send({"type": "unsubscribed", "topic": frame.get("topic")})

    def error(self, code: str, detail: str) -> None:
        self.socket.send({"type": "error", "code": code, "detail": detail})

    def end(self) -> None:
        for feed in self.feeds.values():
            self.hub.remove(feed)


def cursor_of(value: object) -> int | None:
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not (text.isascii() and text.isdigit()) or int(text) >= MAX_CURSOR:  # "²".isdigit() too
        return None
    return int(text)


def parse_frame(text: str) -> dict[str, Any] | None:
    """The frame's JSON object; None for anything else, NaN and Infinity (not JSON), numbers beyond a float
    and nesting too deep for the parser included."""
    try:
        frame = json.loads(text, parse_constant=refuse_constant, parse_float=finite_float)
    except (ValueError, RecursionError):
        return None
    return frame if isinstance(frame, dict) else None


def refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def finite_float(text: str) -> float:
    """1e400 is JSON, but Python reads it as infinity, which cannot be sent back as JSON."""
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is out of range")
    return number


async def authenticate(websocket: WebSocket, verifier: TokenVerifier, timeout: float) -> VerifiedToken | None:
    """From the Authorization header, or else the first frame `{"type": "auth", "token": ...}`."""
    scheme, _, header_token = websocket.headers.get("authorization", "").partition(" ")
    token: object = header_token if scheme.lower() == "bearer" and header_token else None
    if token is None:
        try:
            first = await asyncio.wait_for(websocket.receive_text(), timeout)
        except (TimeoutError, KeyError, RuntimeError):
            first = ""
        frame = parse_frame(first) or {}
        token = frame.get("token") if frame.get("type") == "auth" else None
    if not isinstance(token, str):
        await websocket.close(CLOSE_UNAUTHENTICATED, 'send {"type": "auth", "token": ...} first')
        return None
    try:
        return await verifier.verified(token.strip())
    except ProblemError as error:
        await websocket.close(CLOSE_UNAUTHENTICATED, error.code)
        return None


async def serve_socket(
    websocket: WebSocket,
    verifier: TokenVerifier,
    hub: LiveHub,
    fetch_after_for: Callable[[Principal], FetchAfter],
    queue_size: int,
    auth_timeout: float,
    open_sockets: OpenSockets,
) -> None:
    await websocket.accept()
    verified = await authenticate(websocket, verifier, auth_timeout)
    if verified is None:
        return
    principal = verified.principal
    if not open_sockets.open(principal.user_id):
        await websocket.close(CLOSE_TOO_MANY_CONNECTIONS, f"at most {open_sockets.limit} sockets per user")
        return
    try:
        await serve_session(websocket, verified, hub, fetch_after_for, queue_size)
    finally:
        open_sockets.close(principal.user_id)


async def serve_session(
    websocket: WebSocket,
    verified: VerifiedToken,
    hub: LiveHub,
    fetch_after_for: Callable[[Principal], FetchAfter],
    queue_size: int,
) -> None:
    principal = verified.principal
    socket = ClientSocket(websocket, queue_size)
    session = Session(principal, socket, hub, fetch_after_for(principal))
    # What a token allows ends with it: the client reconnects with a fresh one (the SDK refreshes on this reason).
    expiry = asyncio.get_running_loop().call_later(
        max(0.0, verified.expires_at - time.time()), socket.close_soon, CLOSE_UNAUTHENTICATED, "token_expired"
    )
    try:
        socket.send({"type": "ready", "user_id": principal.user_id})
        await receive_frames(websocket, session)
    except SlowConsumer:
        pass
    finally:
        expiry.cancel()
        session.end()
        await socket.close(1000, "bye")


async def receive_frames(websocket: WebSocket, session: Session) -> None:
    while not session.socket.closed.is_set():
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text")
        if text is None:
            await session.socket.close(CLOSE_UNSUPPORTED_DATA, "frames are JSON text")
            return
        frame = parse_frame(text)
        if frame is None:
            session.error("malformed_frame", "a frame is one JSON object")
            continue
        await session.handle(frame)
