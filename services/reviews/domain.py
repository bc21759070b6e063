"""Reviews, ratings and who may write them, without I/O."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime

from services.platform.errors import InvalidArgument, NotFound, PermissionDenied

MAX_TEXT = 2_000


class ReviewNotFound(NotFound):
    code = "review_not_found"


class ProductNotFound(NotFound):
    """The product is being deleted, or was: it takes no new review."""

    code = "product_not_found"


class PurchaseRequired(PermissionDenied):
    code = "purchase_required"


class InvalidReview(InvalidArgument):
    code = "invalid_review"


class PurchaseState(enum.StrEnum):
    """What one order's line is to reviews: bought (paid, shipped, delivered) or undone (cancelled)."""

    PAID = "paid"
    CANCELLED = "cancelled"


PAID_STATUSES = frozenset({"PAID", "SHIPPED", "DELIVERED"})
CANCELLED_STATUSES = frozenset({"CANCELLING", "CANCELLED", "COMPENSATION_FAILED"})
"""orders' statuses (OrderStatusChanged.status) that make an order's products bought, or not bought."""


@dataclass(frozen=True)
class Review:
    id: uuid.UUID
    product_id: uuid.UUID
    author_id: uuid.UUID
    rating: int
    text: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Rating:
    """How many reviews a product has and their mean, in hundredths, rounded half up (0 without reviews)."""

    count: int
    average_hundredths: int

    @classmethod
    def of(cls, count: int, total: int) -> Rating:
        if count == 0:
            return cls(0, 0)
        return cls(count, (total * 200 + count) // (2 * count))


def check_review(rating: int, text: str) -> None:
    """The contract's limits, kept here too because gRPC callers bypass the REST validation."""
    if not 1 <= rating <= 5:
        raise InvalidReview("rating must be 1 to 5")
    if len(text) > MAX_TEXT or "\x00" in text:
        raise InvalidReview(f"text must be at most {MAX_TEXT} characters")
