"""reviews, purchases, the product-deletion ledger, the outbox and the handled-events ledger

Revision ID: 0001
Revises:
"""

from alembic import op

from services.platform.outbox import create_event_tables
from services.platform.product_deletions import create_deletion_ledger
from services.reviews.adapters.orm import purchases_schema, reviews_schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("reviews", *reviews_schema())
    op.create_table("purchases", *purchases_schema())
    create_deletion_ledger()
    create_event_tables()


def downgrade() -> None:
    for table in ("processed_events", "outbox", "deletion_ledger", "purchases", "reviews"):
        op.drop_table(table)
