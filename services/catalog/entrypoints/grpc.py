"""catalog's gRPC servicer: translates protobuf to use-case calls and back, nothing more."""

from __future__ import annotations

import uuid
from typing import Any

from agora.catalog.v1 import catalog_pb2 as pb
from agora.catalog.v1 import catalog_pb2_grpc as pb_grpc
from services.catalog.domain import DeletionNotFound, Price, ProductChanges, ProductNotFound, ProductStatus
from services.catalog.entrypoints.messages import SETTABLE, deletion_message, product_message
from services.catalog.service_layer import CatalogService, NewProduct
from services.platform.errors import InvalidArgument
from services.platform.grpc_server import Servicer, principal_of_call
from services.platform.ids import id_named


def settable_status(wire: pb.ProductStatus.ValueType) -> ProductStatus | None:
    """The status a create or update asks for; None when it names none (UNSPECIFIED)."""
    if wire == pb.PRODUCT_STATUS_UNSPECIFIED:
        return None
    if wire not in SETTABLE:
        raise InvalidArgument("a product can only be made active or inactive")
    return SETTABLE[wire]


def product_id_of(raw: str) -> uuid.UUID:
    """A text that is not a UUID names no product."""
    return id_named(raw, "product", ProductNotFound)


Context = Any


class CatalogServicer(pb_grpc.CatalogServiceServicer):
    def __init__(self, service: CatalogService) -> None:
        self.service = service

    async def ListProducts(self, request: pb.ListProductsRequest, context: Context) -> pb.ListProductsResponse:
        page = await self.service.list_products(request.category or None, request.cursor or None, request.limit)
        return pb.ListProductsResponse(
            products=[product_message(p) for p in page.products], next_cursor=page.next_cursor or ""
        )

    async def GetProduct(self, request: pb.GetProductRequest, context: Context) -> pb.GetProductResponse:
        product = await self.service.get_product(product_id_of(request.product_id))
        return pb.GetProductResponse(product=product_message(product))

    async def CreateProduct(self, request: pb.CreateProductRequest, context: Context) -> pb.CreateProductResponse:
        new = NewProduct(
            name=request.name,
            description=request.description,
            category=request.category,
            price=Price(request.price.amount, request.price.currency),
            stock=request.stock,
            status=settable_status(request.status) or ProductStatus.ACTIVE,
        )
        product = await self.service.create_product(principal_of_call(), new)
        return pb.CreateProductResponse(product=product_message(product))

    async def UpdateProduct(self, request: pb.UpdateProductRequest, context: Context) -> pb.UpdateProductResponse:
        changes = ProductChanges(
            name=request.name if request.HasField("name") else None,
            description=request.description if request.HasField("description") else None,
            category=request.category if request.HasField("category") else None,
            price=Price(request.price.amount, request.price.currency) if request.HasField("price") else None,
            stock=request.stock if request.HasField("stock") else None,
            status=settable_status(request.status),
        )
        product = await self.service.update_product(principal_of_call(), product_id_of(request.product_id), changes)
        return pb.UpdateProductResponse(product=product_message(product))

    async def DeleteProduct(self, request: pb.DeleteProductRequest, context: Context) -> pb.DeleteProductResponse:
        deletion = await self.service.deletions.start(principal_of_call(), product_id_of(request.product_id))
        return pb.DeleteProductResponse(deletion=deletion_message(deletion))

    async def GetProductDeletion(
        self, request: pb.GetProductDeletionRequest, context: Context
    ) -> pb.GetProductDeletionResponse:
        deletion_id = id_named(request.deletion_id, "product deletion", DeletionNotFound)
        deletion = await self.service.deletions.get(principal_of_call(), deletion_id)
        return pb.GetProductDeletionResponse(deletion=deletion_message(deletion))


def catalog_servicer(service: CatalogService) -> Servicer:
    return Servicer(
        CatalogServicer(service),
        pb_grpc.add_CatalogServiceServicer_to_server,
        pb.DESCRIPTOR.services_by_name["CatalogService"].full_name,
    )
