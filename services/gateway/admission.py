"""Load shedding at the edge: at most `limit` order placements pass this gateway worker at once, and more are
refused at once (503 `orders_busy`, Retry-After) before any work is spent on them.

Without it an overloaded platform queued placements until their callers gave up: each waiting request had
already cost the gateway its token check, idempotency lookup and gRPC call, and orders its handling, all for
an answer nobody waited for. orders bounds the sagas in flight (services/orders/admission.py); this bounds the
placements waiting for orders.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from services.gateway.problems import RETRY_AFTER_SECONDS
from services.platform.rest import problem_response

PLACING = ("POST", "/v1/orders")


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
