"""Live notifications over the WebSocket, without the I/O: the reconnect policy, the frames, what each failure means.

The blocking and asyncio loops (`_stream_loops.py`) only connect, send, receive, refresh and sleep; every decision
is a `Resumption`'s, so both streams behave alike.
"""

from __future__ import annotations

import json
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import websockets

from agora_sdk import _constants as defaults
from agora_sdk._exceptions import AgoraError, APIConnectionError, InvalidArgumentError
from agora_sdk._generated.models import Notification

UNAUTHENTICATED: Final = 4401
TOKEN_EXPIRED: Final = "token_expired"
# What the server closes with when it refuses what this client sent (a binary frame, a policy, a frame too large):
# sending the same again is refused again.
REFUSED_CLOSE_CODES: Final = frozenset({1003, 1008, 1009})
# An upgrade refused with one of these may succeed later (as the REST calls retry them).
RETRYABLE_UPGRADE_STATUSES: Final = defaults.RETRYABLE_STATUSES | {500}
# What a failed connection can raise that another attempt may get past; a refusal among them is sorted out later.
CONNECTION_FAILURES: Final = (websockets.WebSocketException, OSError, TimeoutError, APIConnectionError)


class StreamError(AgoraError):
    """The server refused the stream for a reason a reconnect cannot fix.

    `code` is the server's reason when it gave one (an `error` frame's code, or a close reason such as
    `token_revoked`); `close_code` the WebSocket close code it closed with, if it closed.
    """

    def __init__(self, message: str, *, code: str | None = None, close_code: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.close_code = close_code


class StreamDisconnectedError(StreamError):
    """The stream lost its connection and its reconnect policy gave up; the last failure is the `__cause__`.

    `attempts` is how many reconnects it made, `cursor` the last notification's cursor it yielded: a later
    `stream(cursor=error.cursor)` resumes where it stopped.
    """

    def __init__(self, message: str, *, attempts: int, cursor: str, close_code: int | None = None) -> None:
        super().__init__(message, close_code=close_code)
        self.attempts = attempts
        self.cursor = cursor


@dataclass(frozen=True, slots=True)
class ReconnectPolicy:
    """How a stream reconnects after it loses its connection: exponential backoff with jitter, within bounds.

    It gives up after `max_attempts` reconnects in a row that bring no confirmed subscription, or when a reconnect
    would start more than `max_elapsed` seconds after the connection was lost; None lifts that bound (both None:
    reconnect forever). The wait before reconnect n is `initial_delay * 2**(n-1)`, at most `max_delay`, less a
    random share of up to `jitter` of it.
    """

    max_attempts: int | None = 10
    max_elapsed: float | None = None
    initial_delay: float = 0.5
    max_delay: float = 10.0
    jitter: float = 0.25

    def __post_init__(self) -> None:
        if self.max_attempts is not None and self.max_attempts < 0:
            raise InvalidArgumentError("max_attempts must be 0 or more, or None")
        if self.max_elapsed is not None and self.max_elapsed < 0:
            raise InvalidArgumentError("max_elapsed must be 0 or more, or None")
        if self.initial_delay < 0 or self.max_delay < 0:
            raise InvalidArgumentError("reconnect delays must be 0 or more")
        if not 0 <= self.jitter <= 1:
            raise InvalidArgumentError("jitter must be between 0 and 1")

    def delay(self, attempt: int) -> float:
        """The wait in seconds before reconnect number `attempt` (1 for the first since the connection was lost)."""
        doubled = self.initial_delay * 2.0 ** min(attempt - 1, 60)
        return min(doubled, self.max_delay) * (1 - self.jitter * random.random())

    def allows(self, attempt: int, starts_after: float) -> bool:
        """Whether reconnect number `attempt` may be made `starts_after` seconds after the connection was lost."""
        return (self.max_attempts is None or attempt <= self.max_attempts) and (
            self.max_elapsed is None or starts_after <= self.max_elapsed
        )


@dataclass(frozen=True, slots=True)
class ReconnectAttempt:
    """What the `on_reconnect` hook is told before each reconnect; raising from the hook ends the stream.

    `reason` is what ended the last connection or attempt: a `websockets.ConnectionClosed` (its code is
    `close_code`), an `OSError` or `TimeoutError` when the server could not be reached, a
    `websockets.InvalidStatus` when the upgrade was refused, an `APIConnectionError` when a token refresh failed.
    """

    attempt: int
    delay: float
    reason: Exception
    cursor: str

    @property
    def close_code(self) -> int | None:
        """The close code the server sent, when the server closed the connection."""
        return _close_code(self.reason)


ReconnectHook = Callable[[ReconnectAttempt], None]


def websocket_url(base_url: str, path: str = "/v1/ws") -> str:
    scheme, _, rest = base_url.partition("://")
    return f"{'wss' if scheme == 'https' else 'ws'}://{rest.rstrip('/')}{path}"


class Resumption:
    """One stream across its connections: the cursor to resume after, the reconnects since it last made progress,
    and whether the access token must be refreshed before the next connection.

    Progress is a confirmed subscription or a notification; it restarts the policy's count and clock.
    """

    def __init__(
        self,
        cursor: str,
        policy: ReconnectPolicy,
        on_reconnect: ReconnectHook | None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cursor = cursor
        self.policy = policy
        self.on_reconnect = on_reconnect
        self.expired_token: str | None = None
        self.refresh_due = False
        self._clock = clock
        self._attempt = 0
        self._lost_at: float | None = None

    def subscribe_frame(self) -> str:
        return json.dumps({"type": "subscribe", "topic": "notifications", "cursor": self.cursor})

    def receive(self, raw: str | bytes) -> Notification | None:
        """The notification a frame carries, if any; raises StreamError for an `error` frame or a malformed one."""
        frame = _parsed(raw)
        kind = frame.get("type")
        if kind == "subscribed":
            self._progressed()
        elif kind == "notification":
            notification = _notification(frame)
            self.cursor = notification.cursor
            self._progressed()
            return notification
        elif kind == "error":
            code = str(frame.get("code"))
            raise StreamError(f"the server refused the subscription: {code}: {frame.get('detail')}", code=code)
        return None

    def refreshed(self) -> None:
        self.refresh_due, self.expired_token = False, None

    def reconnect_delay(self, failure: Exception, sent_token: str | None, *, can_refresh: bool) -> float:
        """What to do after a connection failed or ended: the seconds to wait before the next, once the hook has
        been told; raises StreamError when no reconnect can help, StreamDisconnectedError when the policy is spent."""
        self._sort_out(failure, sent_token, can_refresh=can_refresh)
        self._attempt += 1
        now = self._clock()
        if self._lost_at is None:
            self._lost_at = now
        delay = self.policy.delay(self._attempt)
        if not self.policy.allows(self._attempt, now - self._lost_at + delay):
            raise StreamDisconnectedError(
                f"the stream gave up after {self._attempt - 1} reconnects: {_describe(failure)}",
                attempts=self._attempt - 1,
                cursor=self.cursor,
                close_code=_close_code(failure),
            ) from failure
        if self.on_reconnect is not None:
            self.on_reconnect(ReconnectAttempt(self._attempt, delay, failure, self.cursor))
        return delay

    def _progressed(self) -> None:
        self._attempt, self._lost_at = 0, None

    def _sort_out(self, failure: Exception, sent_token: str | None, *, can_refresh: bool) -> None:
        """Raises the StreamError a refusal stands for; notes a refresh due when the token expired."""
        if isinstance(failure, websockets.ConnectionClosed):
            code, reason = _close_code(failure), failure.rcvd.reason if failure.rcvd else ""
            if code == UNAUTHENTICATED and reason == TOKEN_EXPIRED and can_refresh:
                self.refresh_due, self.expired_token = True, sent_token
            elif code == UNAUTHENTICATED:
                detail = "the access token expired and no refresh token is held" if reason == TOKEN_EXPIRED else reason
                raise StreamError(
                    f"the server refused the stream: {detail or 'unauthenticated'}",
                    code=reason or None,
                    close_code=code,
                ) from failure
            elif code in REFUSED_CLOSE_CODES:
                raise StreamError(f"the server closed the stream: {_describe(failure)}", close_code=code) from failure
        elif isinstance(failure, websockets.InvalidStatus):
            status = failure.response.status_code
            if status not in RETRYABLE_UPGRADE_STATUSES:
                raise StreamError(f"the server refused the WebSocket upgrade with HTTP {status}") from failure
        elif isinstance(failure, ssl.SSLCertVerificationError):
            raise StreamError(f"the server's TLS certificate was not accepted: {failure}") from failure
        elif isinstance(failure, websockets.WebSocketException) and not isinstance(failure, websockets.InvalidMessage):
            # A malformed URL or proxy, an upgrade answered by something that is not a WebSocket server.
            raise StreamError(f"the WebSocket could not be opened: {_describe(failure)}") from failure


def _parsed(raw: str | bytes) -> dict[str, Any]:
    try:
        frame = json.loads(raw)
    except ValueError as error:
        raise StreamError(f"the server sent a frame that is not JSON: {error}") from error
    if not isinstance(frame, dict):
        raise StreamError("the server sent a frame that is not a JSON object")
    return frame


def _notification(frame: dict[str, Any]) -> Notification:
    try:
        return Notification.from_dict(frame["notification"])
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise StreamError(f"a notification frame does not match the contract: {error!r}") from error


def _close_code(failure: Exception) -> int | None:
    if isinstance(failure, websockets.ConnectionClosed) and failure.rcvd is not None:
        return failure.rcvd.code
    return None


def _describe(failure: Exception) -> str:
    return f"{type(failure).__name__}: {failure}" if str(failure) else type(failure).__name__
