"""customers' tables. The columns are built by functions so the first migration creates exactly these tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CheckConstraint, Column, Index, Integer, MetaData, PrimaryKeyConstraint, Table, Uuid

from services.platform.db import UtcDateTime


def cart_items_schema() -> list[Any]:
    return [
        Column("user_id", Uuid, nullable=False),
        Column("product_id", Uuid, nullable=False),
        Column("quantity", Integer, nullable=False),
        # When the product joined the cart; a change of quantity keeps it, so lines keep their order.
        Column("added_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint("user_id", "product_id", name="pk_cart_items"),
        CheckConstraint("quantity > 0", name="ck_cart_items_quantity_positive"),
    ]


def favourites_schema() -> list[Any]:
    return [
        Column("user_id", Uuid, nullable=False),
        Column("product_id", Uuid, nullable=False),
        Column("added_at", UtcDateTime, nullable=False),
        # Also the index a user's pages are read by, in product id order.
        PrimaryKeyConstraint("user_id", "product_id", name="pk_favourites"),
    ]


def set_aside_column() -> Column[Any]:
    """The product deletion that hid the row (added by migration 0002); it comes back if that one is cancelled."""
    return Column("set_aside_by", Uuid, nullable=True)


metadata = MetaData()
cart_items = Table(
    "cart_items",
    metadata,
    *cart_items_schema(),
    set_aside_column(),
    Index("ix_cart_items_product_id", "product_id"),
    Index("ix_cart_items_set_aside_by", "set_aside_by"),
)
favourites = Table(
    "favourites",
    metadata,
    *favourites_schema(),
    set_aside_column(),
    Index("ix_favourites_product_id", "product_id"),
    Index("ix_favourites_set_aside_by", "set_aside_by"),
)
