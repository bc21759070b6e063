"""idempotency keys may be settled with a refusal instead of a transaction (an order's payment refused or voided)

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from services.wallet.adapters.orm import idempotency_key_refusal

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("idempotency_keys", idempotency_key_refusal())


def downgrade() -> None:
    with op.batch_alter_table("idempotency_keys") as table:
        table.drop_column("refusal")
