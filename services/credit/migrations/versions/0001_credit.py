"""profiles, products, applications, assessments, offers, loans, payments, the outbox and the handled-events ledger

Revision ID: 0001
Revises:
"""

from alembic import op

from services.credit.adapters.orm import (
    applications_schema,
    assessments_schema,
    loans_schema,
    offers_schema,
    payments_schema,
    products_schema,
    profiles_schema,
)
from services.platform.outbox import create_event_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = {
    "profiles": profiles_schema,
    "products": products_schema,
    "applications": applications_schema,
    "assessments": assessments_schema,
    "offers": offers_schema,
    "loans": loans_schema,
    "payments": payments_schema,
}


def upgrade() -> None:
    for name, schema in TABLES.items():
        op.create_table(name, *schema())
    create_event_tables()


def downgrade() -> None:
    for table in ("processed_events", "outbox", *reversed(TABLES)):
        op.drop_table(table)
