"""The gRPC runtime: errors keep their code across the wire, request ids travel, gaps fail at start-up."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest

from agora.catalog.v1 import catalog_pb2 as pb
from agora.catalog.v1 import catalog_pb2_grpc as pb_grpc
from services.catalog.domain import DeletionNotFound, ProductNotFound
from services.catalog.entrypoints.grpc import catalog_servicer
from services.gateway.problems import on_rpc_error
from services.identity.entrypoints.grpc import identity_servicer
from services.platform.context import Principal, request_id
from services.platform.errors import ERROR_CODE_METADATA
from services.platform.grpc_client import Caller, is_serving, open_channel
from services.platform.grpc_server import GrpcServer, Servicer, principal_of, start_server, unimplemented_methods
from tests.support import fake_request


class RecordingCatalog:
    """Stands in for the use cases: remembers what each call saw, then fails like a missing product."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, Principal | None]] = []
        self.deletions = self

    async def get_product(self, product_id: uuid.UUID) -> None:
        self.seen.append((request_id.get(), None))
        raise ProductNotFound(f"no product {product_id}")

    async def get(self, principal: Principal | None, deletion_id: uuid.UUID) -> None:
        """Stands in for deletions.get (an admin's call)."""
        self.seen.append((request_id.get(), principal))
        raise DeletionNotFound(f"no product deletion {deletion_id}")


@pytest.fixture
async def served() -> AsyncIterator[tuple[RecordingCatalog, grpc.aio.Channel, GrpcServer]]:
    catalog = RecordingCatalog()
    server = await start_server("127.0.0.1:0", [catalog_servicer(catalog)])  # type: ignore[arg-type]
    channel = open_channel(f"127.0.0.1:{server.port}")
    yield catalog, channel, server
    await channel.close()
    await server.stop(0)


async def test_domain_errors_arrive_with_status_and_code(served: Any):
    _, channel, _ = served
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await Caller(2.0)(
            pb_grpc.CatalogServiceStub(channel).GetProduct, pb.GetProductRequest(product_id=str(uuid.uuid4()))
        )
    assert caught.value.code() is grpc.StatusCode.NOT_FOUND
    assert dict(caught.value.trailing_metadata() or ())[ERROR_CODE_METADATA] == "product_not_found"
    problem = await on_rpc_error(fake_request(b"", "/v1/products/x", "GET"), caught.value)
    assert problem.status_code == 404
    assert b'"code":"product_not_found"' in bytes(problem.body)


async def test_a_service_out_of_reach_is_a_503_to_retry_that_tells_nothing_of_the_transport():
    channel = open_channel("127.0.0.1:9")  # nothing listens there
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await Caller(1.0)(
            pb_grpc.CatalogServiceStub(channel).GetProduct, pb.GetProductRequest(product_id=str(uuid.uuid4()))
        )
    await channel.close()

    problem = await on_rpc_error(fake_request(b"", "/v1/products/x", "GET"), caught.value)

    assert (problem.status_code, problem.headers["retry-after"]) == (503, "1")
    assert b'"detail":"a service behind the gateway is unavailable"' in bytes(problem.body)


async def test_request_id_and_caller_travel_as_metadata(served: Any):
    catalog, channel, _ = served
    admin = Principal(user_id=str(uuid.uuid4()), role="admin")
    token = request_id.set("req-42")
    try:
        stub = pb_grpc.CatalogServiceStub(channel)
        request = pb.GetProductDeletionRequest(deletion_id=str(uuid.uuid4()))
        with pytest.raises(grpc.aio.AioRpcError):
            await Caller(2.0)(stub.GetProductDeletion, request, principal=admin)
    finally:
        request_id.reset(token)
    assert catalog.seen == [("req-42", admin)]


async def test_health_reports_serving(served: Any):
    _, channel, _ = served
    assert await is_serving(channel, timeout=2.0)


async def test_a_servicer_that_misses_an_rpc_fails_at_start_up():
    class Partial(pb_grpc.CatalogServiceServicer):
        async def GetProduct(self, request: Any, context: Any) -> Any:
            return pb.GetProductResponse()

    # mypy already refuses to instantiate it (abstract methods); this is the runtime guard.
    partial = Servicer(Partial(), pb_grpc.add_CatalogServiceServicer_to_server, "agora.catalog.v1.CatalogService")  # type: ignore[abstract]
    with pytest.raises(TypeError, match="ListProducts"):
        await start_server("127.0.0.1:0", [partial])


async def test_the_real_servicers_implement_every_rpc():
    assert unimplemented_methods(catalog_servicer(RecordingCatalog())) == []  # type: ignore[arg-type]
    assert unimplemented_methods(identity_servicer(None, None)) == []  # type: ignore[arg-type]


def test_anonymous_calls_have_no_principal():
    class Context:
        def invocation_metadata(self) -> tuple[tuple[str, str], ...]:
            return (("x-request-id", "r"),)

    assert principal_of(Context()) is None  # type: ignore[arg-type]
