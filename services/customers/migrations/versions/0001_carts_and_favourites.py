"""cart items, favourites, the outbox and the handled-events ledger

Revision ID: 0001
Revises:
"""

from alembic import op

from services.customers.adapters.orm import cart_items_schema, favourites_schema
from services.platform.outbox import create_event_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("cart_items", *cart_items_schema())
    op.create_table("favourites", *favourites_schema())
    create_event_tables()


def downgrade() -> None:
    for table in ("processed_events", "outbox", "favourites", "cart_items"):
        op.drop_table(table)
