"""products

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from services.platform.db import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "products",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.String(2000), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("price_amount", sa.BigInteger, nullable=False),
        sa.Column("price_currency", sa.String(4), nullable=False),
        sa.Column("stock", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.CheckConstraint("stock >= 0", name="ck_products_stock_not_negative"),
        sa.CheckConstraint("price_amount > 0", name="ck_products_price_positive"),
    )
    op.create_index("ix_products_category_id", "products", ["category", "id"])


def downgrade() -> None:
    op.drop_table("products")
