"""The one way to call another service: a shared channel, a deadline on every call, request id and caller."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.platform.context import REQUEST_ID_HEADER, ROLE_METADATA, USER_ID_METADATA, Principal, request_id

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
    """Calls unary RPCs with the configured deadline and the request's metadata."""

    def __init__(self, deadline_seconds: float) -> None:
        self.deadline_seconds = deadline_seconds

    async def __call__(
        self,
        method: grpc.aio.UnaryUnaryMultiCallable[Request, Response],
        request: Request,
        *,
        principal: Principal | None = None,
    ) -> Response:
        metadata: tuple[tuple[str, str], ...] = ((REQUEST_ID_HEADER, request_id.get()),)
        if principal is not None:
            metadata += ((USER_ID_METADATA, principal.user_id), (ROLE_METADATA, principal.role))
        return await method(request, timeout=self.deadline_seconds, metadata=metadata)


class ServiceClient(Generic[StubT]):
    """A client of one other service: its stub, opened on first use, and a Caller with the deadline.

    grpc.aio channels belong to the running loop, so the channel is opened by the first call, not here.
    """

    def __init__(self, address: str, stub_class: Callable[[grpc.aio.Channel], StubT], deadline_seconds: float) -> None:
        self.address = address
        self.call = Caller(deadline_seconds)
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
