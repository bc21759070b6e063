"""catalog as other services see it: what a product is called, costs and whether it is sold, asked over gRPC."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

import grpc

from agora.catalog.v1 import catalog_pb2 as pb
from agora.catalog.v1.catalog_pb2_grpc import CatalogServiceStub
from services.platform.errors import Unavailable
from services.platform.grpc_client import Caller, ServiceClient
from services.platform.money import Money

if TYPE_CHECKING:
    from agora.catalog.v1.catalog_pb2_grpc import CatalogServiceAsyncStub


class CatalogUnavailable(Unavailable):
    """A product cannot be checked or priced while catalog does not answer."""

    code = "catalog_unavailable"


@dataclass(frozen=True)
class ProductInfo:
    """What catalog says of a product now; an inactive product exists but is not sold."""

    id: uuid.UUID
    name: str
    price: Money
    active: bool


class ProductDirectory:
    """catalog's GetProduct, one call per product, all at once; the channel opens on first use."""

    def __init__(self, address: str, call: Caller) -> None:
        self.catalog: ServiceClient[CatalogServiceAsyncStub] = ServiceClient(address, CatalogServiceStub, call)

    async def products(self, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, ProductInfo]:
        """The products catalog has, inactive ones included; an id catalog does not know is left out."""
        found = await asyncio.gather(*(self._product(product_id) for product_id in set(ids)))
        return {product.id: product for product in found if product is not None}

    async def close(self) -> None:
        await self.catalog.close()

    async def _product(self, product_id: uuid.UUID) -> ProductInfo | None:
        try:
            reply = await self.catalog.call(
                self.catalog.stub().GetProduct, pb.GetProductRequest(product_id=str(product_id))
            )
        except grpc.aio.AioRpcError as error:
            if error.code() is grpc.StatusCode.NOT_FOUND:
                return None
            raise CatalogUnavailable(f"catalog did not answer ({error.code().name.lower()})") from error
        product = reply.product
        return ProductInfo(
            id=product_id,
            name=product.name,
            price=Money(product.price.amount, product.price.currency),
            active=product.status == pb.PRODUCT_STATUS_ACTIVE,
        )
