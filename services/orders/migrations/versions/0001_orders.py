"""orders, their lines, timeline and idempotency keys, and the event tables

Revision ID: 0001
Revises:
"""

from alembic import op

from services.orders.adapters.orm import (
    order_keys_schema,
    order_lines_schema,
    order_timeline_schema,
    orders_schema,
)
from services.platform.outbox import create_event_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("orders", *orders_schema())
    op.create_table("order_lines", *order_lines_schema())
    op.create_table("order_timeline", *order_timeline_schema())
    op.create_table("order_keys", *order_keys_schema())
    create_event_tables()


def downgrade() -> None:
    for table in ("processed_events", "outbox", "order_keys", "order_timeline", "order_lines", "orders"):
        op.drop_table(table)
