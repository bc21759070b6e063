"""the product-deletion saga: each deletion and who confirmed it

Revision ID: 0005
Revises: 0004
"""

from alembic import op

from services.catalog.adapters.orm import product_deletion_confirmations_schema, product_deletions_schema

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("product_deletions", *product_deletions_schema())
    op.create_table("product_deletion_confirmations", *product_deletion_confirmations_schema())


def downgrade() -> None:
    op.drop_table("product_deletion_confirmations")
    op.drop_table("product_deletions")
