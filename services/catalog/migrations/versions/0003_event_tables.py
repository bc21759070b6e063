"""the outbox and the handled-events ledger

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from services.platform.outbox import create_event_tables

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_event_tables()


def downgrade() -> None:
    op.drop_table("processed_events")
    op.drop_table("outbox")
