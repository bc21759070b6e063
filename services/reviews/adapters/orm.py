"""reviews' tables. The columns are built by functions so the first migration creates exactly these tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    Index,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    UniqueConstraint,
    Uuid,
)

from services.platform.db import UtcDateTime


def reviews_schema() -> list[Any]:
    return [
        Column("id", Uuid, primary_key=True),  # UUIDv7: newest first is highest id first
        Column("product_id", Uuid, nullable=False),
        Column("author_id", Uuid, nullable=False),
        Column("rating", SmallInteger, nullable=False),
        Column("text", String(2000), nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
        # The product deletion that hid the review; it comes back if that deletion is cancelled.
        Column("set_aside_by", Uuid, nullable=True),
        UniqueConstraint("product_id", "author_id", name="uq_reviews_product_author"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="ck_reviews_rating"),
        Index("ix_reviews_product_id_id", "product_id", "id"),
        Index("ix_reviews_set_aside_by", "set_aside_by"),
    ]


def purchases_schema() -> list[Any]:
    return [
        Column("order_id", Uuid, nullable=False),
        Column("product_id", Uuid, nullable=False),
        Column("user_id", Uuid, nullable=False),
        Column("state", String(16), nullable=False),
        PrimaryKeyConstraint("order_id", "product_id", name="pk_purchases"),
        CheckConstraint("state IN ('paid', 'cancelled')", name="ck_purchases_state"),
        Index("ix_purchases_user_product", "user_id", "product_id"),
    ]


metadata = MetaData()
reviews = Table("reviews", metadata, *reviews_schema())
# Every order line reviews heard of from orders' status changes: whether its buyer may review the product.
purchases = Table("purchases", metadata, *purchases_schema())
