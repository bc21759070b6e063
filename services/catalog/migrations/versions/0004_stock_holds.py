"""stock held for orders, and the units each order holds

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from services.platform.db import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stock_holds",
        sa.Column("order_id", sa.Uuid, primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.CheckConstraint("state IN ('reserved', 'rejected', 'released', 'sold')", name="ck_stock_holds_state"),
    )
    op.create_table(
        "stock_hold_lines",
        sa.Column("order_id", sa.Uuid, sa.ForeignKey("stock_holds.order_id"), primary_key=True),
        sa.Column("product_id", sa.Uuid, sa.ForeignKey("products.id"), primary_key=True),
        sa.Column("quantity", sa.BigInteger, nullable=False),
        sa.CheckConstraint("quantity > 0", name="ck_stock_hold_lines_quantity_positive"),
    )
    op.create_index("ix_stock_hold_lines_product_id", "stock_hold_lines", ["product_id"])


def downgrade() -> None:
    op.drop_table("stock_hold_lines")
    op.drop_table("stock_holds")
