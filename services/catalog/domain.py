"""Products and the rules every write must keep, without I/O."""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from services.platform.errors import InvalidArgument, NotFound, PermissionDenied

CATEGORY = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
CURRENCY = re.compile(r"COIN|[A-Z]{3}")
MAX_PRICE = 10**12
MAX_STOCK = 10**9
MAX_PAGE = 100


class ProductStatus(enum.StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


class ProductNotFound(NotFound):
    code = "product_not_found"


class AdminRequired(PermissionDenied):
    code = "admin_required"


@dataclass(frozen=True)
class Price:
    amount: int
    currency: str


@dataclass(frozen=True)
class Product:
    id: uuid.UUID
    name: str
    description: str
    category: str
    price: Price
    stock: int
    status: ProductStatus
    created_at: datetime
    updated_at: datetime

    def __post_init__(self) -> None:
        check_product(self)

    def changed(self, changes: ProductChanges, now: datetime) -> Product:
        fields = {k: v for k, v in vars(changes).items() if v is not None}
        return replace(self, **fields, updated_at=now)


@dataclass(frozen=True)
class ProductChanges:
    name: str | None = None
    description: str | None = None
    category: str | None = None
    price: Price | None = None
    stock: int | None = None
    status: ProductStatus | None = None


def check_product(product: Product) -> None:
    """The contract's limits, kept here too because gRPC callers bypass the REST validation."""
    if not 1 <= len(product.name) <= 200 or "\x00" in product.name:
        raise InvalidArgument("name must be 1-200 characters")
    if len(product.description) > 2000 or "\x00" in product.description:
        raise InvalidArgument("description must be at most 2000 characters")
    if not CATEGORY.fullmatch(product.category):
        raise InvalidArgument("category must be a lowercase slug of at most 64 characters")
    if not 1 <= product.price.amount <= MAX_PRICE:
        raise InvalidArgument("price must be positive")
    if not CURRENCY.fullmatch(product.price.currency):
        raise InvalidArgument("currency must be an ISO 4217 code or COIN")
    if not 0 <= product.stock <= MAX_STOCK:
        raise InvalidArgument("stock must be between 0 and 1000000000")


def page_size(limit: int) -> int:
    if not 0 <= limit <= MAX_PAGE:
        raise InvalidArgument(f"limit must be between 1 and {MAX_PAGE}")
    return limit or 20
