"""Translations between catalog's domain and its protobuf messages, for the servicer and the events alike."""

from __future__ import annotations

from agora.catalog.v1 import catalog_pb2 as pb
from agora.common.v1 import money_pb2
from services.catalog.domain import DeletionState, Product, ProductDeletion, ProductStatus

STATUSES = {
    ProductStatus.ACTIVE: pb.PRODUCT_STATUS_ACTIVE,
    ProductStatus.INACTIVE: pb.PRODUCT_STATUS_INACTIVE,
    ProductStatus.DELETING: pb.PRODUCT_STATUS_DELETING,
}
SETTABLE = {pb.PRODUCT_STATUS_ACTIVE: ProductStatus.ACTIVE, pb.PRODUCT_STATUS_INACTIVE: ProductStatus.INACTIVE}
"""The statuses a create or an update may ask for."""
DELETION_STATES = {state: pb.DeletionState.Value(f"DELETION_STATE_{state.name}") for state in DeletionState}


def product_message(product: Product) -> pb.Product:
    message = pb.Product(
        id=str(product.id),
        name=product.name,
        description=product.description,
        category=product.category,
        price=money_pb2.Money(amount=product.price.amount, currency=product.price.currency),
        stock=product.stock,
        status=STATUSES[product.status],
    )
    message.created_at.FromDatetime(product.created_at)
    message.updated_at.FromDatetime(product.updated_at)
    return message


def deletion_message(deletion: ProductDeletion) -> pb.ProductDeletion:
    message = pb.ProductDeletion(
        id=str(deletion.id),
        product_id=str(deletion.product_id),
        state=DELETION_STATES[deletion.state],
        reason=deletion.reason,
        confirmed_by=sorted(deletion.confirmed_by),
        waiting_for=list(deletion.waiting_for),
    )
    message.started_at.FromDatetime(deletion.started_at)
    message.updated_at.FromDatetime(deletion.updated_at)
    return message
