"""seed the merch shop's items (prices in COIN)

Revision ID: 0002
Revises: 0001
"""

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from services.catalog.adapters.orm import products

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MERCH_PRICES = {
    "t-shirt": 80,
    "cup": 20,
    "book": 50,
    "pen": 10,
    "powerbank": 200,
    "hoody": 300,
    "umbrella": 200,
    "socks": 10,
    "wallet": 50,
    "pink-hoody": 500,
}
# Merch is made on demand: its stock is effectively unlimited.
MERCH_STOCK = 1_000_000_000
MERCH_NAMESPACE = uuid.UUID("5f0c1c52-6c1e-4c59-9a53-8f5f3e1f0a11")


def merch_id(item: str) -> uuid.UUID:
    """Stable across installations, so the same item has the same id everywhere."""
    return uuid.uuid5(MERCH_NAMESPACE, item)


def upgrade() -> None:
    now = datetime.now(UTC)
    op.bulk_insert(
        products,
        [
            {
                "id": merch_id(item),
                "name": item,
                "description": f"Agora {item}",
                "category": "merch",
                "price_amount": price,
                "price_currency": "COIN",
                "stock": MERCH_STOCK,
                "status": "active",
                "created_at": now,
                "updated_at": now,
            }
            for item, price in MERCH_PRICES.items()
        ],
    )


def downgrade() -> None:
    op.execute(sa.delete(products).where(products.c.id.in_([merch_id(item) for item in MERCH_PRICES])))
