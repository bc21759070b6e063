"""Calls in process look to the caller exactly as calls over gRPC: the same errors, trailers, deadlines, metadata."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest

from agora.catalog.v1 import catalog_pb2 as pb
from agora.catalog.v1 import catalog_pb2_grpc as pb_grpc
from services.catalog.domain import DeletionNotFound, ProductNotFound
from services.catalog.entrypoints.grpc import catalog_servicer
from services.platform.context import Principal, request_id
from services.platform.errors import ERROR_CODE_METADATA
from services.platform.grpc_client import Caller, open_channel
from services.platform.grpc_server import start_server
from services.platform.local_calls import LocalChannel
from services.platform.service_auth import CallSigner, CallVerifier

SLOW, BROKEN = uuid.UUID(int=1), uuid.UUID(int=2)
KEY = b"the platform's service key, 32+ bytes"


class Catalog:
    """Stands in for catalog's use cases: one product id is slow, one breaks, every other is missing."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, Principal | None]] = []
        self.deletions = self
        self.cancelled = asyncio.Event()

    async def get_product(self, product_id: uuid.UUID) -> None:
        if product_id == SLOW:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                self.cancelled.set()
                raise
        if product_id == BROKEN:
            raise RuntimeError("a bug with a secret in its message")
        raise ProductNotFound(f"no product {product_id}")

    async def get(self, principal: Principal | None, deletion_id: uuid.UUID) -> None:
        self.seen.append((request_id.get(), principal))
        raise DeletionNotFound(f"no product deletion {deletion_id}")


@pytest.fixture(params=["grpc", "in-process"])
async def catalog(request: pytest.FixtureRequest) -> AsyncIterator[tuple[Catalog, Any]]:
    """The fake catalog served, and a stub that reaches it over gRPC or in process."""
    fake = Catalog()
    server = await start_server("127.0.0.1:0", [catalog_servicer(fake)], CallVerifier(KEY))  # type: ignore[arg-type]
    channel = open_channel(f"127.0.0.1:{server.port}")
    local: Any = LocalChannel(server.local_methods)  # stands where a grpc.aio.Channel would
    stub = pb_grpc.CatalogServiceStub(channel if request.param == "grpc" else local)
    yield fake, stub
    await channel.close()
    await server.stop(0)


async def rpc_error_of(
    call: Any, request: Any, deadline: float = 2.0, key: bytes = KEY, **kwargs: Any
) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await Caller(deadline, CallSigner(key, "tests"))(call, request, **kwargs)
    return caught.value


async def test_a_domain_error_arrives_with_its_status_details_and_code(catalog: Any):
    _, stub = catalog
    product_id = str(uuid.uuid4())
    error = await rpc_error_of(stub.GetProduct, pb.GetProductRequest(product_id=product_id))
    assert error.code() is grpc.StatusCode.NOT_FOUND
    assert error.details() == f"no product {product_id}"
    assert dict(error.trailing_metadata() or ())[ERROR_CODE_METADATA] == "product_not_found"


async def test_an_unexpected_failure_is_internal_and_tells_nothing_of_itself(catalog: Any):
    _, stub = catalog
    error = await rpc_error_of(stub.GetProduct, pb.GetProductRequest(product_id=str(BROKEN)))
    assert (error.code(), error.details()) == (grpc.StatusCode.INTERNAL, "internal error")


async def test_a_call_past_its_deadline_is_deadline_exceeded_and_the_work_is_cancelled(catalog: Any):
    fake, stub = catalog
    error = await rpc_error_of(stub.GetProduct, pb.GetProductRequest(product_id=str(SLOW)), deadline=0.2)
    assert error.code() is grpc.StatusCode.DEADLINE_EXCEEDED
    await asyncio.wait_for(fake.cancelled.wait(), timeout=5)


async def test_the_request_id_and_the_caller_reach_the_use_case(catalog: Any):
    fake, stub = catalog
    admin = Principal(user_id=str(uuid.uuid4()), role="admin")
    token = request_id.set("req-7")
    try:
        request = pb.GetProductDeletionRequest(deletion_id=str(uuid.uuid4()))
        await rpc_error_of(stub.GetProductDeletion, request, principal=admin)
    finally:
        request_id.reset(token)
    assert fake.seen == [("req-7", admin)]
    assert request_id.get() == "-"


async def test_a_call_signed_with_another_key_is_refused_before_it_runs(catalog: Any):
    fake, stub = catalog
    request = pb.GetProductDeletionRequest(deletion_id=str(uuid.uuid4()))
    admin = Principal(user_id=str(uuid.uuid4()), role="admin")
    error = await rpc_error_of(
        stub.GetProductDeletion, request, key=b"another platform's key, 32+ bytes", principal=admin
    )
    assert error.code() is grpc.StatusCode.UNAUTHENTICATED
    assert dict(error.trailing_metadata() or ())[ERROR_CODE_METADATA] == "service_unauthenticated"
    assert fake.seen == []


async def test_a_method_the_process_does_not_serve_is_unimplemented():
    nothing: Any = LocalChannel({})
    stub = pb_grpc.CatalogServiceStub(nothing)
    error = await rpc_error_of(stub.GetProduct, pb.GetProductRequest(product_id=str(uuid.uuid4())))
    assert error.code() is grpc.StatusCode.UNIMPLEMENTED
