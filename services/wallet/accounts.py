"""A user's accounts: opened once with the welcome grant, then read as balances, history and merch summary."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from services.platform.context import Principal
from services.platform.cursors import decode_cursor, encode_cursor, page_size
from services.wallet.adapters.unit_of_work import WalletUnitOfWork
from services.wallet.bookkeeping import Bookkeeper
from services.wallet.domain import (
    COIN,
    WELCOME_GRANT,
    MerchSummary,
    Money,
    SystemAccount,
    Transaction,
    TransactionKind,
)
from services.wallet.principals import user_of
from services.wallet.transaction_runner import TransactionRunner


@dataclass(frozen=True)
class Page:
    transactions: list[Transaction]
    next_cursor: str | None


class Accounts:
    def __init__(
        self,
        unit_of_work: Callable[[], WalletUnitOfWork],
        transactions: TransactionRunner,
        bookkeeper: Bookkeeper,
    ) -> None:
        self.unit_of_work = unit_of_work
        self.transactions = transactions
        self.bookkeeper = bookkeeper

    async def open_accounts(self, user_id: uuid.UUID, username: str) -> list[Money]:
        """Opens the user's COIN account with the welcome grant; the second call (or event) changes nothing."""

        async def work(uow: WalletUnitOfWork) -> list[Money]:
            await uow.ledger.add_holder(user_id, username)
            coins = (user_id, COIN)
            account = (await uow.ledger.lock_accounts([coins], opening=[coins]))[coins]
            # Looked for under the account's lock, so a concurrent opening that granted is seen here.
            if not await uow.ledger.has_grant(user_id):
                grant = Money(WELCOME_GRANT, COIN)
                await self.bookkeeper.credit(uow, TransactionKind.GRANT, account, grant, SystemAccount.ISSUANCE)
            return await uow.ledger.balances(user_id)

        return await self.transactions.run(work)

    async def balances(self, principal: Principal | None) -> list[Money]:
        user_id = user_of(principal)
        async with self.unit_of_work() as uow:
            return await uow.ledger.balances(user_id)

    async def history(self, principal: Principal | None, cursor: str | None, limit: int) -> Page:
        user_id, size = user_of(principal), page_size(limit)
        before = decode_cursor(cursor) if cursor else None
        async with self.unit_of_work() as uow:
            found = await uow.ledger.history(user_id, before, size + 1)
        page = found[:size]
        return Page(page, encode_cursor(page[-1].id) if len(found) > size else None)

    async def merch_summary(self, principal: Principal | None) -> MerchSummary:
        user_id = user_of(principal)
        async with self.unit_of_work() as uow:
            return await uow.ledger.merch_summary(user_id, COIN)
