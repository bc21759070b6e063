"""the product-deletion saga: cart lines and favourites a deletion set aside, and the deletions heard of

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from services.customers.adapters.orm import set_aside_column
from services.platform.product_deletions import create_deletion_ledger

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = ("cart_items", "favourites")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, set_aside_column())
        op.create_index(f"ix_{table}_product_id", table, ["product_id"])
        op.create_index(f"ix_{table}_set_aside_by", table, ["set_aside_by"])
    create_deletion_ledger()


def downgrade() -> None:
    op.drop_table("deletion_ledger")
    for table in TABLES:
        op.drop_index(f"ix_{table}_set_aside_by", table)
        op.drop_index(f"ix_{table}_product_id", table)
        op.drop_column(table, "set_aside_by")
