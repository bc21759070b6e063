"""The first layer every HTTP request meets: its id (the caller's `X-Request-Id`, or a new one) for logs,
problems and gRPC calls, and its client's address for rate limits; the headers every response carries; a body
too large refused before it is read; and what is recorded of every request: its span (continuing the caller's
`traceparent`, which the answer returns, when tracing is on), its metrics by route, and its access-log line.

A body that declares its length (`Content-Length`) beyond the limit is refused at once; one that does not
(chunked) is counted as it is read, and refused when it passes the limit. Either way the answer is 413
`body_too_large` in the shape of the contract that serves the path (400 under /api), and no service sees it.
(FastAPI's own `max_body_size` answers in plain text, in neither contract's shape.)
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry.trace import Span, SpanKind
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.gateway.problems import body_too_large, error_for_path
from services.gateway.rate_limits import client_address
from services.platform import metrics, tracing
from services.platform.context import new_request_id, request_id

access_log = logging.getLogger("agora.access")

ACCEPTED = re.compile(r"[A-Za-z0-9._-]{1,64}")
EVERY_RESPONSE = [(b"x-content-type-options", b"nosniff")]
"""No browser may guess a response's type from its bytes (a JSON answer read as HTML, say)."""
TRACE_HEADERS = (b"traceparent", b"tracestate")


def _trace_headers(span: Span | None) -> list[tuple[bytes, bytes]]:
    """The answer's `traceparent`: the gateway's span, for the caller to find the trace by."""
    if span is None:
        return []
    carrier: dict[str, str] = {}
    tracing.inject(carrier, span)
    return [(name.encode(), value.encode()) for name, value in carrier.items()]


class NamedRoute(Route):
    """A plain Starlette route that names itself in the scope, as FastAPI's routes do, for metrics and logs."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child_scope = super().matches(scope)
        if match != Match.NONE:
            child_scope["route"] = self
        return match, child_scope


class EdgeMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int, access_log_on: bool, slow_request_seconds: float) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.access_log_on = access_log_on
        self.slow_request_seconds = slow_request_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        current = given if ACCEPTED.fullmatch(given) else new_request_id()
        token = request_id.set(current)
        client = scope.get("client")
        address = client_address.set(client[0] if client else "-")
        started = time.perf_counter()
        status = 500  # what the server answers when the app fails before it starts a response
        with self._span(scope, headers) as span:

            async def send_with_headers(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                    extra = [(b"x-request-id", current.encode()), *EVERY_RESPONSE, *_trace_headers(span)]
                    message["headers"] = [*message.get("headers", []), *extra]
                await send(message)

            try:
                await self._answer(scope, receive, send_with_headers, headers)
            finally:
                self._record(scope, status, time.perf_counter() - started, span)
                client_address.reset(address)
                request_id.reset(token)

    async def _answer(self, scope: Scope, receive: Receive, send: Send, headers: dict[bytes, bytes]) -> None:
        declared = headers.get(b"content-length")
        if declared is None and b"transfer-encoding" in headers:
            await self.app(scope, self._counted(receive), send)
        elif declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            refused = body_too_large(self.max_body_bytes)
            await error_for_path(scope["path"], refused.status, refused.code, refused.detail)(scope, receive, send)
        else:  # the HTTP server reads no more than the declared length (none: no body)
            await self.app(scope, receive, send)

    @contextmanager
    def _span(self, scope: Scope, headers: dict[bytes, bytes]) -> Iterator[Span | None]:
        if not tracing.enabled():
            yield None
            return
        carrier = {name.decode(): headers[name].decode("latin-1") for name in TRACE_HEADERS if name in headers}
        with tracing.span(scope["method"], SpanKind.SERVER, carrier, {"http.request.method": scope["method"]}) as span:
            yield span

    def _record(self, scope: Scope, status: int, seconds: float, span: Span | None) -> None:
        method, path = scope["method"], scope["path"]
        route_of = scope.get("route")
        # Unmatched paths are one label, never their own: anyone can send any path.
        route = route_of.path if route_of is not None else "unmatched"
        metrics.HTTP_REQUESTS.labels(method, route, status).inc()
        metrics.HTTP_DURATION.labels(method, route).observe(seconds)
        if span is not None:
            span.update_name(f"{method} {route}")
            span.set_attributes({"http.route": route, "http.response.status_code": status, "url.path": path})
        slow = seconds >= self.slow_request_seconds
        if self.access_log_on or slow:
            fields = {"method": method, "route": route, "path": path, "status": status,
                      "duration_ms": round(seconds * 1000, 2), "client": client_address.get()}  # fmt: skip
            level = logging.WARNING if slow else logging.INFO
            what = "slow request" if slow else "request"
            access_log.log(level, "%s %s %s %d %.1fms", what, method, path, status, seconds * 1000, extra=fields)

    def _counted(self, receive: Receive) -> Receive:
        read = 0

        async def counted() -> Message:
            nonlocal read
            message = await receive()
            read += len(message.get("body", b""))
            if read > self.max_body_bytes:
                raise body_too_large(self.max_body_bytes)  # inside the route: answered by the problem handlers
            return message

        return counted
