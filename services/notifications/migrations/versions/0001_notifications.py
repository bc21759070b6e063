"""notifications, per-user sequences, the outbox and the handled-events ledger

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from services.platform.db import UtcDateTime
from services.platform.outbox import create_event_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("user_id", sa.Uuid, nullable=False),
        sa.Column("sequence", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.String(2000), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("read_at", UtcDateTime),
    )
    op.create_index("ux_notifications_user_sequence", "notifications", ["user_id", "sequence"], unique=True)
    op.create_table(
        "notification_sequences",
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("last_sequence", sa.BigInteger, nullable=False),
    )
    create_event_tables()


def downgrade() -> None:
    for table in ("processed_events", "outbox", "notification_sequences", "notifications"):
        op.drop_table(table)
