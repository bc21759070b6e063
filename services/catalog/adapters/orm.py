"""catalog's tables."""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, MetaData, String, Table, Uuid

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
