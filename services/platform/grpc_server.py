"""The one way to serve gRPC: signed callers, error translation, request ids, health, reflection (when asked
for) and graceful shutdown."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf import descriptor_pool
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from opentelemetry.trace import SpanKind

from services.platform import metrics, tracing
from services.platform.context import REQUEST_ID_HEADER, Principal, request_id
from services.platform.errors import ERROR_CODE_METADATA, AgoraError, grpc_status_of
from services.platform.local_calls import Behaviour, LocalAbort, LocalMethods
from services.platform.service_auth import CREDENTIALS_METADATA, CallIdentity, CallVerifier

log = logging.getLogger(__name__)

Probe = Callable[[], Awaitable[None]]

UNSIGNED_PREFIX = f"/{health.SERVICE_NAME}/"
"""Health checks are answered to anyone: probes and load balancers hold no service key."""

_call_identity: ContextVar[CallIdentity | None] = ContextVar("call_identity", default=None)


@dataclass(frozen=True)
class Servicer:
    """A generated servicer's implementation, the generated function that adds it, and its full name."""

    implementation: object
    add_to_server: Callable[[Any, Any], None]  # takes a grpc.aio.Server or LocalMethods
    service_name: str


def unimplemented_methods(servicer: Servicer) -> list[str]:
    """RPCs of the service that the implementation leaves to the generated base (which answers UNIMPLEMENTED)."""
    service = descriptor_pool.Default().FindServiceByName(servicer.service_name)
    implementation = type(servicer.implementation)
    return [
        method.name
        for method in service.methods
        if getattr(getattr(implementation, method.name, None), "__module__", "").endswith("_pb2_grpc")
        or not hasattr(implementation, method.name)
    ]


def principal_of_call() -> Principal | None:
    """The user the calling service acts for, as its signed credentials say; None when it acts on its own."""
    identity = _call_identity.get()
    return None if identity is None else identity.principal


class ErrorTranslation(grpc.aio.ServerInterceptor):
    """Refuses unsigned calls, turns AgoraError into a status plus `agora-error-code` trailer, and binds the
    caller's request id."""

    def __init__(self, verifier: CallVerifier) -> None:
        self._verifier = verifier
        self._handlers: dict[str, grpc.RpcMethodHandler[Any, Any]] = {}

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        method = handler_call_details.method
        if method not in self._handlers:
            handler = await continuation(handler_call_details)
            if handler is None or handler.unary_unary is None:
                return handler
            self._handlers[method] = grpc.unary_unary_rpc_method_handler(
                _translated(
                    handler.unary_unary, method, None if method.startswith(UNSIGNED_PREFIX) else self._verifier
                ),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return self._handlers[method]


def _translated(
    behaviour: Callable[..., Any], method: str, verifier: CallVerifier | None
) -> Callable[..., Awaitable[Any]]:
    service = _service_of(method)
    rpc_service, _, rpc_method = method.strip("/").rpartition("/")
    duration = metrics.RPC_DURATION.labels(service, rpc_method)
    # Health checks are probes, every few seconds from each prober: neither counted nor traced.
    observed = not method.startswith(UNSIGNED_PREFIX)

    async def answer(request: Any, context: grpc.aio.ServicerContext[Any, Any], metadata: dict[str, Any]) -> Any:
        identity = _call_identity.set(None)
        code = "OK"
        try:
            if verifier is not None:
                _call_identity.set(verifier.verify(metadata.get(CREDENTIALS_METADATA)))
            return await behaviour(request, context)
        except AgoraError as error:
            code = grpc_status_of(error).name
            metrics.ERRORS.labels(service, error.code).inc()
            await context.abort(
                grpc_status_of(error), error.message, trailing_metadata=((ERROR_CODE_METADATA, error.code),)
            )
        except (grpc.aio.AbortError, LocalAbort):  # aborted by the behaviour itself, with a status unknown here
            code = "UNKNOWN"
            raise
        except asyncio.CancelledError:
            code = "CANCELLED"
            raise
        except Exception:
            code = "INTERNAL"
            metrics.ERRORS.labels(service, "internal").inc()
            log.exception("unhandled error in %s", method)
            await context.abort(grpc.StatusCode.INTERNAL, "internal error")
        finally:
            _call_identity.reset(identity)
            if observed:
                metrics.RPCS.labels(service, rpc_method, code).inc()

    async def call(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        metadata = dict(context.invocation_metadata() or ())
        token = request_id.set(str(metadata.get(REQUEST_ID_HEADER, "-")))
        started = time.perf_counter()
        try:
            if not (observed and tracing.enabled()):
                return await answer(request, context, metadata)
            attributes = {"rpc.system": "grpc", "rpc.service": rpc_service, "rpc.method": rpc_method}
            with tracing.span(method.strip("/"), SpanKind.SERVER, metadata, attributes):
                return await answer(request, context, metadata)
        finally:
            if observed:
                duration.observe(time.perf_counter() - started)
            request_id.reset(token)

    return call


def _service_of(method: str) -> str:
    """The platform service a method belongs to: `/agora.wallet.v1.WalletService/Transfer` is wallet's."""
    package = method.strip("/").split(".")
    return package[1] if len(package) > 2 and package[0] == "agora" else "grpc"


class GrpcServer:
    """A started grpc.aio server with health reporting driven by the service's own probes."""

    def __init__(
        self, server: grpc.aio.Server, port: int, health_task: asyncio.Task[None], local_methods: dict[str, Behaviour]
    ) -> None:
        self.server = server
        self.port = port
        # The same handlers, error translation included, for callers in this process (`LocalChannel`).
        self.local_methods = local_methods
        self._health_task = health_task

    async def stop(self, grace: float) -> None:
        self._health_task.cancel()
        # A probe stuck in its store must not hold up shutdown.
        await asyncio.wait({self._health_task}, timeout=1.0)
        await self.server.stop(grace)


async def start_server(
    address: str,
    servicers: Sequence[Servicer],
    verifier: CallVerifier,
    *,
    probes: Sequence[Probe] = (),
    probe_interval: float = 2.0,
    reflection_on: bool = False,
) -> GrpcServer:
    server = grpc.aio.server(
        interceptors=[ErrorTranslation(verifier)],
        options=[("grpc.so_reuseport", 0), ("grpc.max_receive_message_length", 4 * 1024 * 1024)],
    )
    local = LocalMethods()
    for servicer in servicers:
        missing = unimplemented_methods(servicer)
        if missing:
            raise TypeError(f"{type(servicer.implementation).__name__} does not implement {', '.join(missing)}")
        servicer.add_to_server(servicer.implementation, server)
        servicer.add_to_server(servicer.implementation, local)
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    names = [s.service_name for s in servicers]
    if reflection_on:  # a map of every RPC, for grpcurl and the like: for development only
        reflection.enable_server_reflection([*names, health.SERVICE_NAME, reflection.SERVICE_NAME], server)
    port = server.add_insecure_port(address)
    await server.start()
    task = asyncio.create_task(_report_health(health_servicer, ["", *names], probes, probe_interval))
    local_methods = {
        method: _translated(handler.unary_unary, method, verifier)
        for method, handler in local.handlers.items()
        if handler.unary_unary is not None
    }
    return GrpcServer(server, port, task, local_methods)


async def _report_health(
    servicer: health.aio.HealthServicer, names: list[str], probes: Sequence[Probe], interval: float
) -> None:
    while True:
        try:
            for probe in probes:
                await asyncio.wait_for(probe(), timeout=interval)
            status: int = health_pb2.HealthCheckResponse.SERVING
        except Exception as error:
            log.warning("health probe failed: %s", error)
            status = health_pb2.HealthCheckResponse.NOT_SERVING
        for name in names:
            await servicer.set(name, status)
        await asyncio.sleep(interval)
