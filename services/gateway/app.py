"""The gateway application: the generated agora.v1 router bound to gRPC-backed implementations."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from functools import partial

from fastapi import FastAPI, Request, Response, WebSocket
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from google.protobuf.json_format import MessageToDict
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.routing import WebSocketRoute

from agora.graphql.agora.server import SDL
from agora.identity.v1 import identity_pb2
from agora.notifications.v1 import notifications_pb2 as pb
from agora.rest.agora_v1.server import build_router
from agora.rest.merch.server import build_router as build_merch_router
from services.gateway.admission import InFlightBound, any_request, order_placement
from services.gateway.auth import TokenVerifier
from services.gateway.catalog_api import CatalogApiOverGrpc
from services.gateway.connections import Connections
from services.gateway.credit_api import CreditApiOverGrpc
from services.gateway.customers_api import CustomersApiOverGrpc
from services.gateway.edge import EdgeMiddleware, NamedRoute
from services.gateway.graphql.app import graphql_app
from services.gateway.graphql.context import Apis
from services.gateway.graphql.limits import Limits
from services.gateway.graphql.live import Live
from services.gateway.idempotency import Idempotency
from services.gateway.identity_api import IdentityApiOverGrpc
from services.gateway.live import LIVE_ROUTING_KEYS, REPLAY_PAGE, FetchAfter, LiveHub
from services.gateway.merch_api import MerchApiOverGrpc, MerchPrices
from services.gateway.notifications_api import NotificationsApiOverGrpc
from services.gateway.orders_api import OrdersApiOverGrpc
from services.gateway.pages import add_documentation_routes
from services.gateway.problems import install_problem_handlers
from services.gateway.rate_limits import RateLimits
from services.gateway.reviews_api import ReviewsApiOverGrpc
from services.gateway.wallet_api import WalletApiOverGrpc
from services.gateway.websocket import OpenSockets, serve_socket
from services.platform.bus import Bus, open_bus, start_consuming
from services.platform.context import Principal
from services.platform.grpc_client import Caller
from services.platform.local_calls import Behaviour
from services.platform.runner import cancel
from services.platform.settings import Settings
from services.platform.tracing import configure_tracing
from services.registry import running_services


@dataclass(frozen=True)
class Platform:
    """What the gateway talks to: the services (at the addresses in `settings`) and the event bus."""

    settings: Settings
    bus: Bus
    # The services the gateway calls in process (they run in it), by name, with their methods.
    in_process: dict[str, dict[str, Behaviour]] = field(default_factory=dict)


# Starts or reaches what the gateway needs and yields how to talk to it.
PlatformStarter = Callable[[Settings], AbstractAsyncContextManager[Platform]]


@asynccontextmanager
async def platform_hosting(names: Collection[str], settings: Settings, bus: Bus) -> AsyncIterator[Platform]:
    """The named services running in this process on `bus`, the others reached at their addresses.

    Those that `settings.gateway_in_process` lists are called in process; the rest over gRPC.
    """
    async with running_services(names, settings, bus) as running:
        addresses = {f"{name}_address": service.address for name, service in running.items()}
        in_process: dict[str, dict[str, Behaviour]] = {
            name: running[name].server.local_methods for name in settings.gateway_in_process
        }
        yield Platform(settings.model_copy(update=addresses), bus, in_process)


@asynccontextmanager
async def remote_platform(settings: Settings) -> AsyncIterator[Platform]:
    """Real mode: the services run in their own processes, except those the gateway runs in its own
    (`AGORA_GATEWAY_IN_PROCESS`); the gateway opens its own broker connection."""
    bus = open_bus(settings.amqp_url, settings.event_namespace)
    async with platform_hosting(settings.gateway_in_process, settings, bus) as platform:
        yield platform


class GatewayRuntime:
    """Authentication (with each user's request budget) and idempotency for the generated routers."""

    def __init__(self, verifier: TokenVerifier, idempotency: Idempotency, limits: RateLimits) -> None:
        self.verifier = verifier
        self.idempotency = idempotency
        self.limits = limits

    async def authenticate(self, request: Request) -> Principal:
        principal = await self.verifier.authenticate(request)
        await self.limits.request_by(principal)
        return principal

    async def run_idempotent(
        self,
        request: Request,
        call: Callable[[], Awaitable[Response]],
        *,
        operation_id: str,
        key: str | None,
        principal: Principal | None = None,
    ) -> Response:
        return await self.idempotency.run(request, call, operation_id=operation_id, key=key, principal=principal)


def create_app(settings: Settings, start_platform: PlatformStarter = remote_platform) -> FastAPI:
    configure_tracing(settings, "gateway")
    connections = Connections(settings)
    call = Caller.of(settings, "gateway")

    async def fetch_jwks() -> list[dict[str, str]]:
        reply = await call(connections.identity.GetJwks, identity_pb2.GetJwksRequest())
        return [MessageToDict(key, preserving_proto_field_name=True) for key in reply.keys]

    verifier = TokenVerifier(fetch_jwks, settings.jwt_issuer, settings.jwt_audience)
    hub = LiveHub()
    idempotency = Idempotency(connections.store, settings.idempotency_ttl_seconds)
    limits = RateLimits(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            platform = await stack.enter_async_context(start_platform(settings))
            await connections.open(platform.settings, platform.bus, platform.in_process)
            stack.push_async_callback(connections.close)
            stack.push_async_callback(limits.close)
            waiting = await start_consuming(
                platform.bus, [partial(platform.bus.broadcast, LIVE_ROUTING_KEYS, hub.on_message)]
            )
            if waiting is not None:
                stack.push_async_callback(cancel, waiting)
            app.state.platform = platform
            yield

    app = FastAPI(
        title="Agora gateway",
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        # FastAPI's own OpenTelemetry hooks look up the global providers on every request; logs carry request ids.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    install_problem_handlers(app)
    placements, requests = settings.gateway_max_placing_orders, settings.gateway_max_requests_in_flight
    app.add_middleware(InFlightBound, limit=placements, counts=order_placement, code="orders_busy",
                       busy_with="{limit} orders are being placed")  # fmt: skip
    app.add_middleware(InFlightBound, limit=requests, counts=any_request, code="overloaded",
                       busy_with="this gateway worker is answering {limit} requests")  # fmt: skip
    if settings.gateway_cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.gateway_cors_origins), allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"],
            expose_headers=["X-Request-Id", "Idempotent-Replayed", "Retry-After"], max_age=600,
        )  # fmt: skip
    app.add_middleware(
        EdgeMiddleware,
        max_body_bytes=settings.gateway_max_body_bytes,
        access_log_on=settings.access_log,
        slow_request_seconds=settings.slow_request_seconds,
    )
    runtime = GatewayRuntime(verifier, idempotency, limits)
    apis = Apis(
        identity=IdentityApiOverGrpc(connections, call, limits),
        catalog=CatalogApiOverGrpc(connections, call),
        customers=CustomersApiOverGrpc(connections, call),
        orders=OrdersApiOverGrpc(connections, call),
        reviews=ReviewsApiOverGrpc(connections, call),
        wallet=WalletApiOverGrpc(connections, call),
        notifications=NotificationsApiOverGrpc(connections, call),
        credit=CreditApiOverGrpc(connections, call),
    )
    prices = MerchPrices(connections, call, settings.catalog_cache_ttl_seconds)
    # The merch shop's four routes first: routes are matched in order, and its requests are the hottest.
    app.include_router(build_merch_router(merch=MerchApiOverGrpc(connections, call, prices, limits), runtime=runtime))
    app.include_router(build_router(**vars(apis), runtime=runtime))
    add_operational_routes(app, connections, verifier)
    add_documentation_routes(app)
    live = Live(hub, partial(notifications_after, connections, call), settings.ws_send_queue_size)
    # One bound of WebSockets per user for /v1/ws and /graphql together.
    open_sockets = OpenSockets(settings.ws_max_connections_per_user)
    add_live_route(app, settings, verifier, live, open_sockets)
    add_graphql_routes(app, settings, apis, verifier, live, idempotency, limits, open_sockets)
    return app


def notifications_after(connections: Connections, call: Caller, principal: Principal) -> FetchAfter:
    """How a live feed reads its user's stored notifications after a sequence: from notifications, as the user."""

    async def fetch_after(sequence: int) -> tuple[list[pb.Notification], bool]:
        request = pb.ListNotificationsRequest(after_sequence=sequence, limit=REPLAY_PAGE)
        reply = await call(connections.notifications.ListNotifications, request, principal=principal)
        return list(reply.notifications), reply.more

    return fetch_after


def add_live_route(
    app: FastAPI, settings: Settings, verifier: TokenVerifier, live: Live, open_sockets: OpenSockets
) -> None:
    """The WebSocket at /v1/ws."""

    @app.websocket("/v1/ws")
    async def live_socket(websocket: WebSocket) -> None:
        await serve_socket(
            websocket,
            verifier,
            live.hub,
            live.fetch_after_for,
            queue_size=live.queue_size,
            auth_timeout=settings.ws_auth_timeout_seconds,
            open_sockets=open_sockets,
        )


def add_graphql_routes(
    app: FastAPI,
    settings: Settings,
    apis: Apis,
    verifier: TokenVerifier,
    live: Live,
    idempotency: Idempotency,
    rate_limits: RateLimits,
    open_sockets: OpenSockets,
) -> None:
    """/graphql (queries on GET and POST, mutations on POST, subscriptions over graphql-transport-ws, the explorer
    for a browser), the contract it serves at /graphql/schema.graphql and the explorer's assets."""
    limits = Limits(max_depth=settings.graphql_max_depth, max_cost=settings.graphql_max_cost)
    graphql = graphql_app(
        apis,
        verifier,
        live,
        idempotency,
        rate_limits,
        open_sockets,
        introspection=settings.graphql_introspection,
        limits=limits,
    )

    @app.get("/graphql/schema.graphql", include_in_schema=False)
    async def graphql_contract() -> Response:
        return Response(SDL, media_type="text/plain; charset=utf-8")

    app.router.routes += [
        NamedRoute("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
    ]


def add_operational_routes(app: FastAPI, connections: Connections, verifier: TokenVerifier) -> None:
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> JSONResponse:
        return JSONResponse({"status": "alive"})

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        checks = await connections.readiness()
        ready = all(checks.values())
        return JSONResponse({"status": "ready" if ready else "unready", "checks": checks}, 200 if ready else 503)

    @app.get("/metrics", include_in_schema=False)
    async def prometheus_metrics() -> Response:
        """This process's metrics: the gateway worker's, and those of every service it runs in process."""
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    @app.get("/.well-known/jwks.json", include_in_schema=False)
    async def jwks() -> JSONResponse:
        return JSONResponse({"keys": await verifier.jwks()}, headers={"Cache-Control": "max-age=300"})


def app_from_environment() -> FastAPI:
    """The uvicorn factory for `agora serve gateway`."""
    return create_app(Settings())
