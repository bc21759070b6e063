"""the audit's record (assessment requests, results, offers) and its reports

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from services.credit.adapters.orm import (
    audit_offers_schema,
    audit_requests_schema,
    audit_results_schema,
    reports_schema,
)

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = {
    "audit_requests": audit_requests_schema,
    "audit_results": audit_results_schema,
    "audit_offers": audit_offers_schema,
    "reports": reports_schema,
}


def upgrade() -> None:
    for name, schema in TABLES.items():
        op.create_table(name, *schema())


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
