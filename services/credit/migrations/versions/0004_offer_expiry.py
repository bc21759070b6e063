"""an index for the sweep that marks proposals past their expiry EXPIRED

Revision ID: 0004
Revises: 0003
"""

from alembic import op

from services.credit.adapters.orm import OFFER_EXPIRY_INDEX

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    name, columns = OFFER_EXPIRY_INDEX
    op.create_index(name, "offers", columns)


def downgrade() -> None:
    op.drop_index(OFFER_EXPIRY_INDEX[0], table_name="offers")
