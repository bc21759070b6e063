"""payments may be early repayments of the principal owed, outside the schedule

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from services.credit.adapters.orm import early_repayment

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("payments", early_repayment())


def downgrade() -> None:
    with op.batch_alter_table("payments") as table:
        table.drop_column("early")
