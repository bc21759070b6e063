"""notifications' tables."""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Column, Index, MetaData, String, Table, Uuid

from services.platform.db import UtcDateTime

metadata = MetaData()

notifications = Table(
    "notifications",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, nullable=False),
    Column("sequence", BigInteger, nullable=False),
    Column("kind", String(64), nullable=False),
    Column("title", String(200), nullable=False),
    Column("body", String(2000), nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("read_at", UtcDateTime),
    Index("ux_notifications_user_sequence", "user_id", "sequence", unique=True),
)

# The last sequence given out per user; its row lock orders a user's notifications by commit.
sequences = Table(
    "notification_sequences",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("last_sequence", BigInteger, nullable=False),
)
