"""wallet's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.unit_of_work import UnitOfWork
from services.wallet.adapters.repository import Ledger, PostgresLedger


class WalletUnitOfWork(UnitOfWork):
    ledger: Ledger

    def bind(self, session: AsyncSession) -> None:
        on_postgres = session.get_bind().dialect.name == "postgresql"
        self.ledger = PostgresLedger(session) if on_postgres else Ledger(session)
