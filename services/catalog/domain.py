"""Products, the stock held for orders, and the rules every write must keep, without I/O."""

from __future__ import annotations

import enum
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from services.platform.context import Principal
from services.platform.errors import AdminRequired as AdminRequired  # the platform's, for this context's modules
from services.platform.errors import Conflict, InvalidArgument, NotFound

CATEGORY = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
CURRENCY = re.compile(r"COIN|[A-Z]{3}")
MAX_PRICE = 10**12
MAX_STOCK = 10**9


class ProductStatus(enum.StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    DELETING = "deleting"  # hidden while its deletion saga runs; back to its former status if it is cancelled
    DELETED = "deleted"  # gone, kept only as the record old orders' stock holds point at; never shown


SETTABLE_STATUSES = frozenset({ProductStatus.ACTIVE, ProductStatus.INACTIVE})
HIDDEN_STATUSES = frozenset({ProductStatus.DELETING, ProductStatus.DELETED})
"""A product in a hidden status is not found by reads, as if it had never been."""


class ProductNotFound(NotFound):
    code = "product_not_found"


class ProductBeingDeleted(Conflict):
    code = "product_being_deleted"


class DeletionNotFound(NotFound):
    code = "deletion_not_found"


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


def require_admin(principal: Principal | None) -> None:
    if principal is None or not principal.is_admin:
        raise AdminRequired("only admins may change the catalog")


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


# -- stock held for orders -------------------------------------------------------------------------------------

CANCELLED = "cancelled"
"""The refusal of a reservation whose order was released first: the release won, nothing may be held."""
MAX_REASON = 500
SHOWN_ID_LENGTH = 36
"""How much of an unreadable product id a refusal repeats: a product id's length."""


class HoldState(enum.StrEnum):
    RESERVED = "reserved"  # the order's items are out of stock, held for it
    REJECTED = "rejected"  # nothing was held; the reason says why
    RELEASED = "released"  # whatever was held is back in stock, or nothing ever was (the release came first)
    SOLD = "sold"  # paid for: the items stay out of stock for good


@dataclass(frozen=True)
class Hold:
    """What catalog holds for one order; one per order, so a repeated command finds the first one's outcome."""

    order_id: uuid.UUID
    state: HoldState
    reason: str = ""

    @property
    def holds_stock(self) -> bool:
        return self.state in (HoldState.RESERVED, HoldState.SOLD)

    @property
    def refusal(self) -> str | None:
        """Why a reservation for this order is refused, or None when its items are held."""
        if self.holds_stock:
            return None
        return CANCELLED if self.state is HoldState.RELEASED else self.reason


@dataclass(frozen=True)
class RequestedItem:
    """One line of a reservation, as the order names it: the product id is not trusted to be one."""

    product_id: str
    quantity: int


@dataclass(frozen=True)
class StockPosition:
    """Where a product's units are: `stock + reserved + sold` changes only when an admin sets the stock."""

    stock: int
    reserved: int
    sold: int


class Refused(Exception):
    """A reservation catalog cannot honour; its message is the reason the order is told."""

    def __init__(self, reason: str) -> None:
        self.reason = reason[:MAX_REASON]
        super().__init__(self.reason)


def requested_quantities(items: Sequence[RequestedItem]) -> dict[uuid.UUID, int]:
    """Each product's total quantity (an order may name a product twice); refuses what no stock could satisfy."""
    if not items:
        raise Refused("the order has no items")
    wanted: dict[uuid.UUID, int] = {}
    for item in items:
        try:
            product_id = uuid.UUID(item.product_id)
        except ValueError:
            raise Refused(f"unknown product {item.product_id[:SHOWN_ID_LENGTH]!r}") from None
        if item.quantity <= 0:
            raise Refused(f"the quantity of product {product_id} must be positive, not {item.quantity}")
        wanted[product_id] = wanted.get(product_id, 0) + item.quantity
    return wanted


def check_available(wanted: Mapping[uuid.UUID, int], products: Mapping[uuid.UUID, Product]) -> None:
    """Refuses unless every wanted product exists, is for sale and has the stock; the first problem by id order."""
    for product_id in sorted(wanted):
        product = products.get(product_id)
        if product is None:
            raise Refused(f"unknown product {product_id}")
        if product.status is not ProductStatus.ACTIVE:
            raise Refused(f"inactive product: {product.name}")
        if product.stock < wanted[product_id]:
            raise Refused(f"out of stock: {product.name}")


# -- the product-deletion saga ---------------------------------------------------------------------------------


class DeletionState(enum.StrEnum):
    PENDING = "pending"  # the product is hidden; waiting for every participant to set its references aside
    COMPLETED = "completed"  # every participant confirmed: the product is gone
    CANCELLED = "cancelled"  # a participant did not confirm in time: the product and its references are back


@dataclass(frozen=True)
class ProductDeletion:
    """One run of the saga; `participants` are the services asked, fixed when it starts."""

    id: uuid.UUID
    product_id: uuid.UUID
    previous_status: ProductStatus
    state: DeletionState
    reason: str
    participants: tuple[str, ...]
    confirmed_by: frozenset[str]
    deadline: datetime | None
    started_at: datetime
    updated_at: datetime

    @property
    def waiting_for(self) -> tuple[str, ...]:
        if self.state is not DeletionState.PENDING:
            return ()
        return tuple(p for p in self.participants if p not in self.confirmed_by)

    def confirmed(self, participant: str, now: datetime) -> ProductDeletion:
        """With the participant's confirmation; a confirmation that is not awaited changes nothing."""
        if participant not in self.waiting_for:
            return self
        return replace(self, confirmed_by=self.confirmed_by | {participant}, updated_at=now)

    def ended(self, state: DeletionState, now: datetime, reason: str = "") -> ProductDeletion:
        return replace(self, state=state, reason=reason, deadline=None, updated_at=now)
