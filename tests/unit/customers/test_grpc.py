"""customers over gRPC against a real catalog server: the product directory, and the service as started."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import grpc
import pytest

from agora.catalog.v1 import catalog_pb2
from agora.catalog.v1.catalog_pb2_grpc import CatalogServiceStub
from agora.common.v1.money_pb2 import Money as MoneyMessage
from agora.customers.v1 import customers_pb2 as pb
from agora.customers.v1.customers_pb2_grpc import CustomersServiceStub
from services.catalog import service as catalog
from services.customers import service as customers
from services.platform.bus import Bus
from services.platform.catalog_client import CatalogUnavailable, ProductDirectory, ProductInfo
from services.platform.context import Principal
from services.platform.errors import ERROR_CODE_METADATA
from services.platform.grpc_client import Caller, open_channel
from services.platform.money import Money
from services.platform.runner import RunningService
from services.platform.service_auth import CallSigner
from services.platform.settings import Settings
from tests.support import free_port

if TYPE_CHECKING:
    from agora.customers.v1.customers_pb2_grpc import CustomersServiceAsyncStub

CUP = uuid.UUID("d7a498c2-ed0f-5c7b-824b-d6eb95f0e8db")
"""The seeded cup (20 COIN): its id derives from its name, the same in every installation."""
ADMIN = Principal(user_id=str(uuid.uuid4()), role="admin")
ANN = Principal(user_id=str(uuid.uuid4()), role="customer")


def coins(amount: int) -> MoneyMessage:
    return MoneyMessage(amount=amount, currency="COIN")


@pytest.fixture
async def catalog_server(settings: Settings, bus: Bus) -> AsyncIterator[RunningService]:
    running = await catalog.start(settings, "127.0.0.1:0", bus)
    yield running
    await running.stop(0)


@pytest.fixture
async def directory(catalog_server: RunningService, call: Caller) -> AsyncIterator[ProductDirectory]:
    directory = ProductDirectory(catalog_server.address, call)
    yield directory
    await directory.close()


async def created(address: str, call: Caller, name: str, status: catalog_pb2.ProductStatus.ValueType) -> uuid.UUID:
    channel = open_channel(address)
    try:
        request = catalog_pb2.CreateProductRequest(
            name=name, category="home", price=MoneyMessage(amount=2599, currency="EUR"), stock=1, status=status
        )
        reply = await call(CatalogServiceStub(channel).CreateProduct, request, principal=ADMIN)
    finally:
        await channel.close()
    return uuid.UUID(reply.product.id)


async def test_the_directory_tells_products_on_sale_off_sale_and_unknown(
    directory: ProductDirectory, catalog_server: RunningService, call: Caller
):
    lamp = await created(catalog_server.address, call, "lamp", catalog_pb2.PRODUCT_STATUS_INACTIVE)
    unknown = uuid.uuid4()

    found = await directory.products([CUP, lamp, unknown])

    assert found == {
        CUP: ProductInfo(CUP, "cup", Money(20, "COIN"), active=True),
        lamp: ProductInfo(lamp, "lamp", Money(2599, "EUR"), active=False),
    }


async def test_a_catalog_that_does_not_answer_is_unavailable(settings: Settings):
    directory = ProductDirectory(f"127.0.0.1:{free_port()}", Caller(0.5, CallSigner.of(settings, "tests")))
    try:
        with pytest.raises(CatalogUnavailable):
            await directory.products([CUP])
    finally:
        await directory.close()


@pytest.fixture
async def customers_stub(
    settings: Settings, bus: Bus, catalog_server: RunningService
) -> AsyncIterator[CustomersServiceAsyncStub]:
    wired = settings.model_copy(update={"catalog_address": catalog_server.address})
    running = await customers.start(wired, "127.0.0.1:0", bus)
    channel = open_channel(running.address)
    yield CustomersServiceStub(channel)
    await channel.close()
    await running.stop(0)


async def test_the_started_service_prices_the_cart_from_catalog(
    customers_stub: CustomersServiceAsyncStub, call: Caller
):
    request = pb.SetCartItemRequest(product_id=str(CUP), quantity=3)

    reply = await call(customers_stub.SetCartItem, request, principal=ANN)

    assert reply.cart == pb.Cart(
        lines=[
            pb.CartLine(
                product_id=str(CUP), name="cup", quantity=3, unit_price=coins(20), line_total=coins(60), available=True
            )
        ],
        totals=[coins(60)],
    )


@pytest.mark.parametrize(
    ("principal", "product_id", "status", "code"),
    [
        (None, str(CUP), grpc.StatusCode.UNAUTHENTICATED, "unauthenticated"),
        (ANN, "not-a-uuid", grpc.StatusCode.NOT_FOUND, "product_not_found"),
    ],
)
async def test_refusals_arrive_with_status_and_code(
    customers_stub: CustomersServiceAsyncStub,
    call: Caller,
    principal: Principal | None,
    product_id: str,
    status: grpc.StatusCode,
    code: str,
):
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call(customers_stub.AddFavourite, pb.AddFavouriteRequest(product_id=product_id), principal=principal)

    assert caught.value.code() is status
    assert dict(caught.value.trailing_metadata() or ())[ERROR_CODE_METADATA] == code
