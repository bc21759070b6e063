"""The first layer every HTTP request meets: its id (the caller's `X-Request-Id`, or a new one) for logs,
problems and gRPC calls, and its client's address for rate limits; the headers every response carries; and a
body too large refused before it is read.

A body that declares its length (`Content-Length`) beyond the limit is refused at once; one that does not
(chunked) is counted as it is read, and refused when it passes the limit. Either way the answer is 413
`body_too_large` in the shape of the contract that serves the path (400 under /api), and no service sees it.
(FastAPI's own `max_body_size` answers in plain text, in neither contract's shape.)
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.gateway.problems import body_too_large, error_for_path
from services.gateway.rate_limits import client_address
from services.platform.context import new_request_id, request_id

ACCEPTED = re.compile(r"[A-Za-z0-9._-]{1,64}")
EVERY_RESPONSE = [(b"x-content-type-options", b"nosniff")]
"""No browser may guess a response's type from its bytes (a JSON answer read as HTML, say)."""


class EdgeMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

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

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"x-request-id", current.encode()), *EVERY_RESPONSE]
            await send(message)

        try:
            declared = headers.get(b"content-length")
            if declared is None and b"transfer-encoding" in headers:
                await self.app(scope, self._counted(receive), send_with_headers)
            elif declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
                refused = body_too_large(self.max_body_bytes)
                await error_for_path(scope["path"], refused.status, refused.code, refused.detail)(
                    scope, receive, send_with_headers
                )
            else:  # the HTTP server reads no more than the declared length (none: no body)
                await self.app(scope, receive, send_with_headers)
        finally:
            client_address.reset(address)
            request_id.reset(token)

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
