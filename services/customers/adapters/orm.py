"""customers' tables. The columns are built by functions so the first migration creates exactly these tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CheckConstraint, Column, Integer, MetaData, PrimaryKeyConstraint, Table, Uuid

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


metadata = MetaData()
cart_items = Table("cart_items", metadata, *cart_items_schema())
favourites = Table("favourites", metadata, *favourites_schema())
