"""identity's tables."""

from __future__ import annotations

from sqlalchemy import Column, Index, MetaData, String, Table, Uuid

from services.platform.db import UtcDateTime

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("username", String(32), nullable=False),
    Column("username_key", String(32), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("family_id", Uuid, nullable=False),
    Column("user_id", Uuid, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime),
    Column("revoked_at", UtcDateTime),
    Index("ix_refresh_tokens_family_id", "family_id"),
)
