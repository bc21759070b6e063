"""the lending system account in every currency, the other side of loans paid out and instalments collected

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from services.wallet.adapters.orm import accounts, system_account_rows
from services.wallet.domain import SystemAccount

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.bulk_insert(accounts, system_account_rows(SystemAccount.LENDING))


def downgrade() -> None:
    op.execute(accounts.delete().where(accounts.c.system == SystemAccount.LENDING.value))
