"""Load shedding at the edge, before any work is spent on a request: at most so many order placements pass this
gateway worker at once (more get 503 `orders_busy`), and at most so many HTTP requests of any kind
(more get 503 `overloaded`; under /api, whose contract knows no 503, a 500 `{"errors": ...}`), each with
Retry-After. Health checks always pass: an orchestrator must see a busy worker as alive.

Without it an overloaded platform queued placements until their callers gave up: each waiting request had
already cost the gateway its token check, idempotency lookup and gRPC call, and orders its handling, all for
an answer nobody waited for. orders bounds the sagas in flight (services/orders/admission.py); this bounds the
placements waiting for orders.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from services.gateway.problems import RETRY_AFTER_SECONDS, error_for_path

ALWAYS_ADMITTED = ("/healthz", "/readyz")


def any_request(scope: Scope) -> bool:
    return scope["path"] not in ALWAYS_ADMITTED


def order_placement(scope: Scope) -> bool:
    return (scope["method"], scope["path"]) == ("POST", "/v1/orders")


class InFlightBound:
    """At most `limit` of the HTTP requests `counts` picks in this gateway worker at once (0: any); past it, the
    next is refused at once with 503 `code` (in the shape of the contract that serves its path) and Retry-After."""

    def __init__(self, app: ASGIApp, limit: int, counts: Callable[[Scope], bool], code: str, busy_with: str) -> None:
        self.app = app
        self.limit = limit
        self.counts = counts
        self.code = code
        self.detail = f"{busy_with.format(limit=limit)}; try again in a moment"
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.limit <= 0 or scope["type"] != "http" or not self.counts(scope):
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
            refused = error_for_path(scope["path"], 503, self.code, self.detail, headers=headers)
            await refused(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
