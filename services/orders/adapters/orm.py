"""orders' tables. The columns are built by functions so the first migration creates exactly these tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, Index, Integer, MetaData, String, Table, Uuid

from services.platform.db import UtcDateTime


def orders_schema() -> list[Any]:
    return [
        Column("id", Uuid, primary_key=True),
        Column("user_id", Uuid, nullable=False),
        Column("status", String(24), nullable=False),
        Column("reason", String(500), nullable=False),
        Column("total_amount", BigInteger, nullable=False),
        Column("total_currency", String(8), nullable=False),
        Column("stock_state", String(16), nullable=False),
        Column("payment_state", String(16), nullable=False),
        Column("deadline", UtcDateTime),
        Column("compensation_attempts", Integer, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
        CheckConstraint("total_amount > 0", name="ck_orders_total_positive"),
        Index("ix_orders_user_id", "user_id", "id"),
        Index("ix_orders_status_id", "status", "id"),
        # The sweeper's question: which orders in flight are past their deadline.
        Index("ix_orders_deadline", "deadline"),
    ]


def order_lines_schema() -> list[Any]:
    return [
        Column("order_id", Uuid, ForeignKey("orders.id"), primary_key=True),
        Column("product_id", Uuid, primary_key=True),
        Column("name", String(200), nullable=False),
        Column("quantity", BigInteger, nullable=False),
        Column("unit_price_amount", BigInteger, nullable=False),
        Column("unit_price_currency", String(8), nullable=False),
        CheckConstraint("quantity > 0", name="ck_order_lines_quantity_positive"),
    ]


def order_timeline_schema() -> list[Any]:
    return [
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("order_id", Uuid, ForeignKey("orders.id"), nullable=False),
        Column("status", String(24), nullable=False),
        Column("reason", String(500), nullable=False),
        Column("at", UtcDateTime, nullable=False),
        Index("ix_order_timeline_order", "order_id", "id"),
    ]


def order_keys_schema() -> list[Any]:
    return [
        # An Idempotency-Key of a customer placing an order: the first order placed with it.
        Column("user_id", Uuid, primary_key=True),
        Column("key", String(255), primary_key=True),
        Column("fingerprint", String(64), nullable=False),
        Column("order_id", Uuid, ForeignKey("orders.id"), nullable=False),
    ]


metadata = MetaData()
orders = Table("orders", metadata, *orders_schema())
order_lines = Table("order_lines", metadata, *order_lines_schema())
order_timeline = Table("order_timeline", metadata, *order_timeline_schema())
order_keys = Table("order_keys", metadata, *order_keys_schema())
