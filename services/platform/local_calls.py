"""Calls to a service running in this process, through its generated stub but without gRPC's wire.

A `LocalChannel` stands where a `grpc.aio.Channel` would: the generated stub asks it for each method, and a
call runs the servicer's handler (with the same error translation the server applies) on the caller's own
request object. No serialization, no socket, no HTTP/2 framing; what the caller sees is the same: the reply
message, or a `grpc.aio.AioRpcError` with the status, details and `agora-error-code` trailer a remote call
would have had, and DEADLINE_EXCEEDED when the call's timeout passes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import grpc

Behaviour = Callable[[Any, Any], Awaitable[Any]]
Metadata = Sequence[tuple[str, str]]


class LocalMethods:
    """Takes the place of a server for a generated `add_<Service>Servicer_to_server`: keeps its unary handlers."""

    def __init__(self) -> None:
        self.handlers: dict[str, grpc.RpcMethodHandler[Any, Any]] = {}

    def add_generic_rpc_handlers(self, handlers: Sequence[object]) -> None:
        """The generic handler repeats the registered ones below."""

    def add_registered_method_handlers(
        self, service_name: str, handlers: dict[str, grpc.RpcMethodHandler[Any, Any]]
    ) -> None:
        for name, handler in handlers.items():
            self.handlers[f"/{service_name}/{name}"] = handler


class LocalAbort(Exception):
    """Raised by `LocalContext.abort`; carries the error the caller gets."""

    def __init__(self, error: grpc.aio.AioRpcError) -> None:
        super().__init__(error.details())
        self.error = error


def rpc_error(code: grpc.StatusCode, details: str, trailers: Metadata = ()) -> grpc.aio.AioRpcError:
    return grpc.aio.AioRpcError(code, grpc.aio.Metadata(), grpc.aio.Metadata(*trailers), details)


class LocalContext:
    """The part of `grpc.aio.ServicerContext` the servicers use: the caller's metadata, and abort."""

    __slots__ = ("_metadata",)

    def __init__(self, metadata: Metadata) -> None:
        self._metadata = metadata

    def invocation_metadata(self) -> Metadata:
        return self._metadata

    async def abort(self, code: grpc.StatusCode, details: str = "", trailing_metadata: Metadata = ()) -> None:
        raise LocalAbort(rpc_error(code, details, trailing_metadata))


class LocalUnaryCall:
    """One method of the stub: `await call(request, timeout=..., metadata=...)`, as on a grpc.aio stub."""

    __slots__ = ("_behaviour", "_method")

    def __init__(self, method: str, behaviour: Behaviour | None) -> None:
        self._method = method
        self._behaviour = behaviour

    async def __call__(self, request: Any, *, timeout: float | None = None, metadata: Metadata = (), **_: Any) -> Any:
        if self._behaviour is None:
            raise rpc_error(grpc.StatusCode.UNIMPLEMENTED, f"{self._method} is not served in this process")
        try:
            async with asyncio.timeout(timeout):
                return await self._behaviour(request, LocalContext(metadata))
        except LocalAbort as abort:
            raise abort.error from None
        except TimeoutError:
            raise rpc_error(grpc.StatusCode.DEADLINE_EXCEEDED, "Deadline Exceeded") from None


class LocalChannel:
    """A channel to the services whose handlers `methods` holds (the contracts have unary methods only)."""

    def __init__(self, methods: dict[str, Behaviour]) -> None:
        self._methods = methods

    def unary_unary(self, method: str, *_: Any, **__: Any) -> LocalUnaryCall:
        return LocalUnaryCall(method, self._methods.get(method))

    async def close(self) -> None:
        """Nothing to close: the service's own server stops with the service."""
