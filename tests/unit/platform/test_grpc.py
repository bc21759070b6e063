"""The gRPC runtime: only signed calls are served, errors keep their code across the wire, request ids and the
user a call acts for travel, gaps fail at start-up."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import grpc
import jwt
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
from services.platform.grpc_server import GrpcServer, Servicer, start_server, unimplemented_methods
from services.platform.service_auth import AUDIENCE, CallSigner, CallVerifier
from tests.support import fake_request, listed_services

KEY = b"the platform's service key, 32+ bytes"
signed = Caller(2.0, CallSigner(KEY, "tests"))


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
    server = await start_server("127.0.0.1:0", [catalog_servicer(catalog)], CallVerifier(KEY))  # type: ignore[arg-type]
    channel = open_channel(f"127.0.0.1:{server.port}")
    yield catalog, channel, server
    await channel.close()
    await server.stop(0)


async def test_domain_errors_arrive_with_status_and_code(served: Any):
    _, channel, _ = served
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await signed(pb_grpc.CatalogServiceStub(channel).GetProduct, pb.GetProductRequest(product_id=str(uuid.uuid4())))
    assert caught.value.code() is grpc.StatusCode.NOT_FOUND
    assert dict(caught.value.trailing_metadata() or ())[ERROR_CODE_METADATA] == "product_not_found"
    problem = await on_rpc_error(fake_request(b"", "/v1/products/x", "GET"), caught.value)
    assert problem.status_code == 404
    assert b'"code":"product_not_found"' in bytes(problem.body)


async def test_a_service_out_of_reach_is_a_503_to_retry_that_tells_nothing_of_the_transport():
    channel = open_channel("127.0.0.1:9")  # nothing listens there
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await Caller(1.0, CallSigner(KEY, "tests"))(
            pb_grpc.CatalogServiceStub(channel).GetProduct, pb.GetProductRequest(product_id=str(uuid.uuid4()))
        )
    await channel.close()

    problem = await on_rpc_error(fake_request(b"", "/v1/products/x", "GET"), caught.value)

    assert (problem.status_code, problem.headers["retry-after"]) == (503, "1")
    assert b'"detail":"a service behind the gateway is unavailable"' in bytes(problem.body)


async def test_request_id_and_the_user_a_call_acts_for_travel_signed(served: Any):
    catalog, channel, _ = served
    admin = Principal(user_id=str(uuid.uuid4()), role="admin")
    token = request_id.set("req-42")
    try:
        stub = pb_grpc.CatalogServiceStub(channel)
        request = pb.GetProductDeletionRequest(deletion_id=str(uuid.uuid4()))
        with pytest.raises(grpc.aio.AioRpcError):
            await signed(stub.GetProductDeletion, request, principal=admin)
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
        await start_server("127.0.0.1:0", [partial], CallVerifier(KEY))


async def test_the_real_servicers_implement_every_rpc():
    assert unimplemented_methods(catalog_servicer(RecordingCatalog())) == []  # type: ignore[arg-type]
    assert unimplemented_methods(identity_servicer(None, None)) == []  # type: ignore[arg-type]


async def test_a_signed_call_for_no_user_has_no_principal(served: Any):
    catalog, channel, _ = served
    stub = pb_grpc.CatalogServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError):
        await signed(stub.GetProductDeletion, pb.GetProductDeletionRequest(deletion_id=str(uuid.uuid4())))
    assert [principal for _, principal in catalog.seen] == [None]


def token(key: bytes = KEY, **changes: object) -> str:
    now = int(time.time())
    claims = {"sub": "gateway", "aud": AUDIENCE, "iat": now, "exp": now + 60, "uid": str(uuid.uuid4()), "role": "admin"}
    return f"Bearer {jwt.encode({**claims, **changes}, key, algorithm='HS256')}"


@pytest.mark.parametrize(
    "metadata",
    [
        (),
        (("x-agora-user-id", str(uuid.uuid4())), ("x-agora-role", "admin")),  # what callers once claimed unsigned
        (("authorization", token(key=b"another platform's key, 32+ bytes")),),
        (("authorization", token(exp=int(time.time()) - 120)),),
        (("authorization", token(aud="agora-api")),),  # an end user's access token is not a service's
        (("authorization", token().removeprefix("Bearer ")),),
        (("authorization", jwt.encode({"sub": "gateway", "aud": AUDIENCE}, KEY, algorithm="HS256")),),
    ],
    ids=["none", "unsigned-identity", "other-key", "expired", "other-audience", "no-scheme", "no-expiry"],
)
async def test_a_call_without_valid_service_credentials_is_refused_before_it_runs(
    served: Any, metadata: tuple[tuple[str, str], ...]
):
    catalog, channel, _ = served
    stub = pb_grpc.CatalogServiceStub(channel)
    request = pb.GetProductDeletionRequest(deletion_id=str(uuid.uuid4()))

    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetProductDeletion(request, metadata=metadata, timeout=2.0)

    assert caught.value.code() is grpc.StatusCode.UNAUTHENTICATED
    assert dict(caught.value.trailing_metadata() or ())[ERROR_CODE_METADATA] == "service_unauthenticated"
    assert catalog.seen == []


async def test_the_gateway_answers_a_refused_service_credential_as_its_own_fault(served: Any):
    _, channel, _ = served
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await pb_grpc.CatalogServiceStub(channel).GetProduct(pb.GetProductRequest(product_id="x"), timeout=2.0)

    problem = await on_rpc_error(fake_request(b"", "/v1/products/x", "GET"), caught.value)

    assert problem.status_code == 500
    assert b"service" not in bytes(problem.body)


async def test_reflection_is_off_unless_asked_for(served: Any):
    _, channel, _ = served
    servicer = catalog_servicer(RecordingCatalog())  # type: ignore[arg-type]
    server = await start_server("127.0.0.1:0", [servicer], CallVerifier(KEY), reflection_on=True)
    reflecting = open_channel(f"127.0.0.1:{server.port}")
    try:
        assert await listed_services(reflecting) == {
            "agora.catalog.v1.CatalogService", "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"
        }  # fmt: skip
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await listed_services(channel)
        assert caught.value.code() is grpc.StatusCode.UNIMPLEMENTED
    finally:
        await reflecting.close()
        await server.stop(0)


async def test_a_transport_refusal_tells_nothing_of_the_transport():
    refusal = grpc.aio.AioRpcError(
        grpc.StatusCode.RESOURCE_EXHAUSTED, grpc.aio.Metadata(), grpc.aio.Metadata(),
        "Received message larger than max (12582920 vs. 4194304)",
    )  # fmt: skip
    for path in ("/api/buy/cup", "/v1/products"):
        problem = await on_rpc_error(fake_request(b"", path, "POST"), refusal)

        assert b"larger than max" not in bytes(problem.body)
        assert b"could not take the request (resource_exhausted)" in bytes(problem.body)
