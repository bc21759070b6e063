"""Load shedding at the edge, before any work is spent on a request: at most `limit` order placements pass this
gateway worker at once (more get 503 `orders_busy`), and at most `RequestAdmission.limit` HTTP requests of any kind
(more get 503 `overloaded`; under /api, whose contract knows no 503, a 500 `{"errors": ...}`), each with
Retry-After. Health checks always pass: an orchestrator must see a busy worker as alive.

Without it an overloaded platform queued placements until their callers gave up: each waiting request had
already cost the gateway its token check, idempotency lookup and gRPC call, and orders its handling, all for
an answer nobody waited for. orders bounds the sagas in flight (services/orders/admission.py); this bounds the
placements waiting for orders.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from services.gateway.problems import RETRY_AFTER_SECONDS, error_for_path
from services.platform.rest import problem_response

PLACING = ("POST", "/v1/orders")
ALWAYS_ADMITTED = ("/healthz", "/readyz")


class RequestAdmission:
    """At most `limit` HTTP requests in this gateway worker at once (0: any); the others are refused at once."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.limit <= 0 or scope["type"] != "http" or scope["path"] in ALWAYS_ADMITTED:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            detail = f"this gateway worker is answering {self.limit} requests; try again in a moment"
            headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
            await error_for_path(scope["path"], 503, "overloaded", detail, headers=headers)(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


class PlacementAdmission:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.placing = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.limit <= 0 or scope["type"] != "http" or (scope["method"], scope["path"]) != PLACING:
            await self.app(scope, receive, send)
            return
        if self.placing >= self.limit:
            detail = f"{self.limit} orders are being placed; try again in a moment"
            refused = problem_response(503, "orders_busy", detail, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
            await refused(scope, receive, send)
            return
        self.placing += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.placing -= 1
