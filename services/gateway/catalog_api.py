"""agora.v1's catalog operations, served by calling catalog over gRPC."""

from __future__ import annotations

import uuid
from datetime import UTC

from agora.catalog.v1 import catalog_pb2 as pb
from agora.common.v1 import money_pb2
from agora.rest.agora_v1 import models
from agora.rest.agora_v1.server import CatalogApi
from services.gateway.connections import Connections
from services.platform.context import Principal
from services.platform.grpc_client import Caller

STATUSES = {
    pb.PRODUCT_STATUS_ACTIVE: models.ProductStatus.active,
    pb.PRODUCT_STATUS_INACTIVE: models.ProductStatus.inactive,
}
WIRE_STATUSES = {status: wire for wire, status in STATUSES.items()}
DELETION_STATES = {
    pb.DELETION_STATE_PENDING: models.ProductDeletionState.pending,
    pb.DELETION_STATE_COMPLETED: models.ProductDeletionState.completed,
    pb.DELETION_STATE_CANCELLED: models.ProductDeletionState.cancelled,
}


def product_model(product: pb.Product) -> models.Product:
    return models.Product(
        id=uuid.UUID(product.id),
        name=product.name,
        description=product.description,
        category=product.category,
        price=models.Price(amount=product.price.amount, currency=product.price.currency),
        stock=product.stock,
        status=STATUSES[product.status],
        created_at=product.created_at.ToDatetime(tzinfo=UTC),
        updated_at=product.updated_at.ToDatetime(tzinfo=UTC),
    )


def deletion_model(deletion: pb.ProductDeletion) -> models.ProductDeletion:
    return models.ProductDeletion(
        id=uuid.UUID(deletion.id),
        product_id=uuid.UUID(deletion.product_id),
        state=DELETION_STATES[deletion.state],
        reason=deletion.reason or None,
        confirmed_by=list(deletion.confirmed_by),
        waiting_for=list(deletion.waiting_for),
        started_at=deletion.started_at.ToDatetime(tzinfo=UTC),
        updated_at=deletion.updated_at.ToDatetime(tzinfo=UTC),
    )


def money(price: models.Price) -> money_pb2.Money:
    return money_pb2.Money(amount=price.amount, currency=price.currency)


class CatalogApiOverGrpc(CatalogApi):
    def __init__(self, connections: Connections, call: Caller) -> None:
        self.connections = connections
        self.call = call

    async def list_products(self, *, category: str | None, cursor: str | None, limit: int) -> models.ProductPage:
        request = pb.ListProductsRequest(category=category or "", cursor=cursor or "", limit=limit)
        reply = await self.call(self.connections.catalog.ListProducts, request)
        return models.ProductPage(
            items=[product_model(p) for p in reply.products], next_cursor=reply.next_cursor or None
        )

    async def get_product(self, *, product_id: uuid.UUID) -> models.Product:
        reply = await self.call(self.connections.catalog.GetProduct, pb.GetProductRequest(product_id=str(product_id)))
        return product_model(reply.product)

    async def create_product(self, *, body: models.CreateProductRequest, principal: Principal) -> models.Product:
        request = pb.CreateProductRequest(
            name=body.name,
            description=body.description or "",
            category=body.category,
            price=money(body.price),
            stock=body.stock or 0,
            status=WIRE_STATUSES[body.status] if body.status else pb.PRODUCT_STATUS_UNSPECIFIED,
        )
        reply = await self.call(self.connections.catalog.CreateProduct, request, principal=principal)
        return product_model(reply.product)

    async def update_product(
        self, *, body: models.UpdateProductRequest, product_id: uuid.UUID, principal: Principal
    ) -> models.Product:
        request = pb.UpdateProductRequest(
            product_id=str(product_id),
            name=body.name,
            description=body.description,
            category=body.category,
            price=money(body.price) if body.price else None,
            stock=body.stock,
            status=WIRE_STATUSES[body.status] if body.status else pb.PRODUCT_STATUS_UNSPECIFIED,
        )
        reply = await self.call(self.connections.catalog.UpdateProduct, request, principal=principal)
        return product_model(reply.product)

    async def delete_product(self, *, product_id: uuid.UUID, principal: Principal) -> models.ProductDeletion:
        request = pb.DeleteProductRequest(product_id=str(product_id))
        reply = await self.call(self.connections.catalog.DeleteProduct, request, principal=principal)
        return deletion_model(reply.deletion)

    async def get_product_deletion(self, *, deletion_id: uuid.UUID, principal: Principal) -> models.ProductDeletion:
        request = pb.GetProductDeletionRequest(deletion_id=str(deletion_id))
        reply = await self.call(self.connections.catalog.GetProductDeletion, request, principal=principal)
        return deletion_model(reply.deletion)
