"""The one way to call another service: a shared channel, a deadline on every call, the request id, and the
signed credentials of the calling service and the user it acts for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.platform import tracing
from services.platform.context import REQUEST_ID_HEADER, Principal, request_id
from services.platform.service_auth import CREDENTIALS_METADATA, CallSigner
from services.platform.settings import Settings

Request = TypeVar("Request")
Response = TypeVar("Response")
StubT = TypeVar("StubT")


def open_channel(address: str) -> grpc.aio.Channel:
    return grpc.aio.insecure_channel(
        address,
        options=[
            ("grpc.keepalive_time_ms", 30_000),
            ("grpc.keepalive_timeout_ms", 10_000),
            ("grpc.http2.max_pings_without_data", 0),
            # A restarted service is reached again within seconds: gRPC's default backoff grows to 120 s and
            # only a successful connection resets it.
            ("grpc.initial_reconnect_backoff_ms", 250),
            ("grpc.min_reconnect_backoff_ms", 250),
            ("grpc.max_reconnect_backoff_ms", 5_000),
            # An address may list several processes of a service ("ipv4:127.0.0.1:50055,127.0.0.1:50065"):
            # calls go round them.
            ("grpc.lb_policy_name", "round_robin"),
        ],
    )


class Caller:
    """Calls unary RPCs with the configured deadline, the request's id and the caller's signed credentials."""

    def __init__(self, deadline_seconds: float, signer: CallSigner) -> None:
        self.deadline_seconds = deadline_seconds
        self.signer = signer

    @classmethod
    def of(cls, settings: Settings, service: str) -> Caller:
        """How `service` calls the others, as configured."""
        return cls(settings.grpc_deadline_seconds, CallSigner.of(settings, service))

    async def __call__(
        self,
        method: grpc.aio.UnaryUnaryMultiCallable[Request, Response],
        request: Request,
        *,
        principal: Principal | None = None,
    ) -> Response:
        metadata = [(REQUEST_ID_HEADER, request_id.get()), (CREDENTIALS_METADATA, self.signer.credentials(principal))]
        if tracing.enabled():
            trace_context: dict[str, str] = {}
            tracing.inject(trace_context)
            metadata.extend(trace_context.items())
        return await method(request, timeout=self.deadline_seconds, metadata=metadata)


class ServiceClient(Generic[StubT]):
    """A client of one other service: its stub, opened on first use, and the Caller that calls it.

    grpc.aio channels belong to the running loop, so the channel is opened by the first call, not here.
    """

    def __init__(self, address: str, stub_class: Callable[[grpc.aio.Channel], StubT], call: Caller) -> None:
        self.address = address
        self.call = call
        self._stub_class = stub_class
        self._channel: grpc.aio.Channel | None = None
        self._stub: StubT | None = None

    def stub(self) -> StubT:
        """The service's stub, over a channel opened now if this is the first call."""
        if self._stub is None:
            self._channel = open_channel(self.address)
            self._stub = self._stub_class(self._channel)
        return self._stub

    async def close(self) -> None:
        if self._channel is not None:
            await self._channel.close()
            self._channel = self._stub = None


async def is_serving(channel: grpc.aio.Channel, timeout: float) -> bool:
    """Whether the service behind the channel reports itself (and its stores) healthy."""
    stub: Any = health_pb2_grpc.HealthStub(channel)  # the stubs' HealthStub declares no methods
    try:
        reply = await stub.Check(health_pb2.HealthCheckRequest(), timeout=timeout)
    except grpc.aio.AioRpcError:
        return False
    return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)
