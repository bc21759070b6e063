"""catalog's tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Uuid,
    text,
)

from services.platform.db import UtcDateTime

metadata = MetaData()

products = Table(
    "products",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("description", String(2000), nullable=False),
    Column("category", String(64), nullable=False),
    Column("price_amount", BigInteger, nullable=False),
    Column("price_currency", String(4), nullable=False),
    Column("stock", BigInteger, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    CheckConstraint("stock >= 0", name="ck_products_stock_not_negative"),
    CheckConstraint("price_amount > 0", name="ck_products_price_positive"),
    Index("ix_products_category_id", "category", "id"),
)

# One row per order catalog was asked about: its primary key makes a repeated command find the first one's outcome.
stock_holds = Table(
    "stock_holds",
    metadata,
    Column("order_id", Uuid, primary_key=True),
    Column("state", String(16), nullable=False),
    Column("reason", String(500), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    CheckConstraint("state IN ('reserved', 'rejected', 'released', 'sold')", name="ck_stock_holds_state"),
)

# The units a reserved (then sold or released) order took out of stock; kept after a release, as its record.
stock_hold_lines = Table(
    "stock_hold_lines",
    metadata,
    Column("order_id", Uuid, ForeignKey("stock_holds.order_id"), primary_key=True),
    Column("product_id", Uuid, ForeignKey("products.id"), primary_key=True),
    Column("quantity", BigInteger, nullable=False),
    CheckConstraint("quantity > 0", name="ck_stock_hold_lines_quantity_positive"),
    Index("ix_stock_hold_lines_product_id", "product_id"),
)


def product_deletions_schema() -> list[Any]:
    return [
        Column("id", Uuid, primary_key=True),
        Column("product_id", Uuid, nullable=False),
        Column("previous_status", String(16), nullable=False),
        Column("state", String(16), nullable=False),
        Column("reason", String(500), nullable=False),
        Column("participants", String(500), nullable=False),  # comma-separated service names
        Column("deadline", UtcDateTime, nullable=True),
        Column("started_at", UtcDateTime, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
        CheckConstraint("state IN ('pending', 'completed', 'cancelled')", name="ck_product_deletions_state"),
        Index("ix_product_deletions_product_id", "product_id", "started_at"),
        # At most one deletion of a product runs at a time.
        Index(
            "uq_product_deletions_pending",
            "product_id",
            unique=True,
            postgresql_where=text("state = 'pending'"),
            sqlite_where=text("state = 'pending'"),
        ),
        Index("ix_product_deletions_deadline", "deadline"),
    ]


def product_deletion_confirmations_schema() -> list[Any]:
    return [
        Column("deletion_id", Uuid, ForeignKey("product_deletions.id"), nullable=False),
        Column("participant", String(64), nullable=False),
        PrimaryKeyConstraint("deletion_id", "participant", name="pk_product_deletion_confirmations"),
    ]


product_deletions = Table("product_deletions", metadata, *product_deletions_schema())
product_deletion_confirmations = Table(
    "product_deletion_confirmations", metadata, *product_deletion_confirmations_schema()
)
