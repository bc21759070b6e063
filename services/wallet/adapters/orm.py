"""wallet's tables. The columns are built by functions so the first migration creates exactly these tables."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    Uuid,
    text,
)

from services.platform.db import UtcDateTime
from services.wallet.domain import MINOR_UNIT_DIGITS, SystemAccount

SYSTEM_ACCOUNTS_NAMESPACE = uuid.UUID("4d0f3f0c-4a52-4d52-9a2a-6c1b8f6f6a11")


def system_account_id(account: SystemAccount, currency: str) -> uuid.UUID:
    """The fixed id of a system account, the same in every database (the first migration creates them all)."""
    return uuid.uuid5(SYSTEM_ACCOUNTS_NAMESPACE, f"{account.value}:{currency}")


def holders_schema() -> list[Any]:
    return [
        Column("user_id", Uuid, primary_key=True),
        Column("username", String(64), nullable=False),
        # Lower-cased: usernames are unique regardless of case, as identity keeps them.
        Column("username_key", String(64), nullable=False, unique=True),
    ]


def accounts_schema() -> list[Any]:
    return [
        Column("id", Uuid, primary_key=True),
        # A user's account, or a system account (user_id NULL) named by `system`.
        Column("user_id", Uuid, ForeignKey("holders.user_id")),
        Column("system", String(16)),
        Column("currency", String(8), nullable=False),
        # Kept for user accounts only; a system account's balance is the sum of its entries (no hot row).
        Column("balance", BigInteger, nullable=False, server_default=text("0")),
        UniqueConstraint("user_id", "currency", name="uq_accounts_user_currency"),
        UniqueConstraint("system", "currency", name="uq_accounts_system_currency"),
        CheckConstraint("user_id IS NULL OR balance >= 0", name="ck_accounts_balance_not_negative"),
        CheckConstraint("(user_id IS NULL) <> (system IS NULL)", name="ck_accounts_owner"),
    ]


def transactions_schema() -> list[Any]:
    return [
        Column("id", Uuid, primary_key=True),
        Column("kind", String(16), nullable=False),
        # Who the transaction is for: the sender, buyer, converter, granted or charged user.
        Column("user_id", Uuid, ForeignKey("holders.user_id"), nullable=False),
        # The recipient of a transfer.
        Column("counterparty_id", Uuid, ForeignKey("holders.user_id")),
        # What left (or, for grants, top-ups and refunds, reached) the user's account.
        Column("amount", BigInteger, nullable=False),
        Column("currency", String(8), nullable=False),
        # The item bought, a charge's reference, a refunded charge's id; empty otherwise.
        Column("reference", String(200), nullable=False, server_default=""),
        # A conversion's rate, as a decimal string.
        Column("rate", String(40)),
        Column("created_at", UtcDateTime, nullable=False),
        CheckConstraint("amount > 0", name="ck_transactions_amount_positive"),
        Index("ix_transactions_user_kind", "user_id", "kind"),
        Index("ix_transactions_counterparty_kind", "counterparty_id", "kind"),
        # One welcome grant per user, one refund per charge: a second attempt is refused by the database.
        Index(
            "ux_transactions_one_grant", "user_id", unique=True, sqlite_where=text("kind = 'grant'"),
            postgresql_where=text("kind = 'grant'"),
        ),
        Index(
            "ux_transactions_one_refund", "reference", unique=True, sqlite_where=text("kind = 'refund'"),
            postgresql_where=text("kind = 'refund'"),
        ),
    ]  # fmt: skip


def entries_schema() -> list[Any]:
    return [
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("transaction_id", Uuid, ForeignKey("transactions.id"), nullable=False),
        Column("account_id", Uuid, ForeignKey("accounts.id"), nullable=False),
        # The account's user (NULL for system accounts), so a user's history needs no join.
        Column("user_id", Uuid),
        Column("amount", BigInteger, nullable=False),
        Column("currency", String(8), nullable=False),
        CheckConstraint("amount <> 0", name="ck_entries_amount_not_zero"),
        Index("ix_entries_user_transaction", "user_id", "transaction_id"),
        Index("ix_entries_transaction", "transaction_id"),
    ]


def idempotency_keys_schema() -> list[Any]:
    return [
        # Who sent the key (a user, or the nil UUID for other services); keys are theirs alone.
        Column("actor_id", Uuid, nullable=False),
        Column("key", String(255), nullable=False),
        # What the first request asked for; the same key with another request is refused.
        Column("fingerprint", String(64), nullable=False),
        # Set in the same transaction as the ledger change the key made.
        Column("transaction_id", Uuid, ForeignKey("transactions.id")),
        Column("created_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint("actor_id", "key", name="pk_idempotency_keys"),
    ]


def idempotency_key_refusal() -> Column[Any]:
    """Added by the second migration: the error code a key's request was refused with for good, set instead of
    transaction_id (an order's payment refused or voided), so every later request with the key is refused alike."""
    return Column("refusal", String(64))


metadata = MetaData()
holders = Table("holders", metadata, *holders_schema())
accounts = Table("accounts", metadata, *accounts_schema())
transactions = Table("transactions", metadata, *transactions_schema())
entries = Table("entries", metadata, *entries_schema())
idempotency_keys = Table("idempotency_keys", metadata, *idempotency_keys_schema(), idempotency_key_refusal())


def system_account_rows(*kinds: SystemAccount) -> list[dict[str, Any]]:
    """The rows of these system accounts in every currency, as a migration inserts them."""
    return [
        {"id": system_account_id(account, currency), "system": account.value, "currency": currency, "balance": 0}
        for account in kinds
        for currency in MINOR_UNIT_DIGITS
    ]
