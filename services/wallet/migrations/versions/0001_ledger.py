"""holders, accounts (with every system account), transactions, entries, idempotency keys, event tables

Revision ID: 0001
Revises:
"""

from alembic import op

from services.platform.outbox import create_event_tables
from services.wallet.adapters.orm import (
    accounts,
    accounts_schema,
    entries_schema,
    holders_schema,
    idempotency_keys_schema,
    system_account_rows,
    transactions_schema,
)
from services.wallet.domain import SystemAccount

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("holders", *holders_schema())
    op.create_table("accounts", *accounts_schema())
    op.create_table("transactions", *transactions_schema())
    op.create_table("entries", *entries_schema())
    op.create_table("idempotency_keys", *idempotency_keys_schema())
    create_event_tables()
    op.bulk_insert(accounts, system_account_rows(SystemAccount.ISSUANCE, SystemAccount.REVENUE, SystemAccount.EXCHANGE))


def downgrade() -> None:
    for table in ("processed_events", "outbox", "idempotency_keys", "entries", "transactions", "accounts", "holders"):
        op.drop_table(table)
