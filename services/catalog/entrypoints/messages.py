"""Translations between catalog's domain and its protobuf messages, for the servicer and the events alike."""

from __future__ import annotations

from agora.catalog.v1 import catalog_pb2 as pb
from agora.common.v1 import money_pb2
from services.catalog.domain import Product, ProductStatus

STATUSES = {ProductStatus.ACTIVE: pb.PRODUCT_STATUS_ACTIVE, ProductStatus.INACTIVE: pb.PRODUCT_STATUS_INACTIVE}
STATUS_OF = {wire: status for status, wire in STATUSES.items()}


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
