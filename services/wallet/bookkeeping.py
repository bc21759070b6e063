"""The ledger's posting core: every move of money is one balanced transaction, written here and nowhere else."""

from __future__ import annotations

import uuid

from services.platform.clock import Clock
from services.platform.ids import uuid7
from services.wallet.adapters.orm import system_account_id
from services.wallet.adapters.repository import Account, NewTransaction
from services.wallet.adapters.unit_of_work import WalletUnitOfWork
from services.wallet.domain import (
    Counterparty,
    InsufficientFunds,
    Money,
    Posting,
    SystemAccount,
    Transaction,
    TransactionKind,
)

MAX_REFERENCE_LENGTH = 200
"""What a transaction's reference holds at most: an item bought, a charge's reference, an order's key."""


class Bookkeeper:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    async def record(
        self,
        uow: WalletUnitOfWork,
        kind: TransactionKind,
        user_id: uuid.UUID,
        amount: Money,
        postings: list[Posting],
        owners: dict[uuid.UUID, uuid.UUID],
        *,
        counterparty_id: uuid.UUID | None = None,
        reference: str = "",
        rate: str | None = None,
    ) -> NewTransaction:
        """Writes a new transaction of `postings`, stamped now; `owners` maps its user accounts to their users."""
        new = NewTransaction(
            id=uuid7(),
            kind=kind,
            user_id=user_id,
            amount=amount,
            postings=postings,
            created_at=self.clock(),
            counterparty_id=counterparty_id,
            reference=reference,
            rate=rate,
        )
        await uow.ledger.record(new, owners=owners)
        return new

    async def pay_platform(
        self,
        uow: WalletUnitOfWork,
        kind: TransactionKind,
        user_id: uuid.UUID,
        amount: Money,
        reference: str,
        to: SystemAccount = SystemAccount.REVENUE,
    ) -> NewTransaction:
        """Moves `amount` from the user's account to a system account: revenue (a purchase or a charge), or lending
        (an instalment)."""
        paying = (user_id, amount.currency)
        source = funded((await uow.ledger.lock_accounts([paying])).get(paying), amount)
        postings = [
            Posting(source.id, -amount.amount, amount.currency),
            Posting(system_account_id(to, amount.currency), amount.amount, amount.currency),
        ]
        return await self.record(uow, kind, user_id, amount, postings, {source.id: user_id}, reference=reference)

    async def credit(
        self,
        uow: WalletUnitOfWork,
        kind: TransactionKind,
        account: Account,
        amount: Money,
        source: SystemAccount,
        reference: str = "",
    ) -> NewTransaction:
        """Moves `amount` from a system account into the (locked) user account: a grant, top-up or refund."""
        postings = [
            Posting(account.id, amount.amount, amount.currency),
            Posting(system_account_id(source, amount.currency), -amount.amount, amount.currency),
        ]
        owners = {account.id: account.user_id}
        return await self.record(uow, kind, account.user_id, amount, postings, owners, reference=reference)


def funded(account: Account | None, amount: Money) -> Account:
    """The account, if it holds at least `amount`."""
    if account is None or account.balance < amount.amount:
        raise InsufficientFunds(f"not enough {amount.currency} for {amount.amount}")
    return account


def seen_by_user(
    new: NewTransaction, counterparty: Counterparty | None = None, *, credited: Money | None = None
) -> Transaction:
    """The transaction as its user sees it: the amount that left their account, and what reached it."""
    credits_only = new.kind in (TransactionKind.TOP_UP, TransactionKind.REFUND)
    leaving = [] if credits_only else [Money(-new.amount.amount, new.amount.currency)]
    return Transaction(
        id=new.id,
        kind=new.kind,
        amounts=leaving + ([credited] if credited else []),
        counterparty=counterparty,
        reference=new.reference,
        created_at=new.created_at,
    )
