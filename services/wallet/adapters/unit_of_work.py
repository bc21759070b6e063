"""wallet's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.unit_of_work import UnitOfWork
from services.wallet.adapters.repository import Ledger


class WalletUnitOfWork(UnitOfWork):
    ledger: Ledger

    def bind(self, session: AsyncSession) -> None:
        self.ledger = Ledger(session)
