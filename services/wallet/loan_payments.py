"""credit's money: a loan's principal paid into the borrower's wallet once, and instalments collected per attempt.

Both post against the LENDING system account under SERVICE_ACTOR's idempotency keys (`loan:<id>` for a disbursal,
`instalment:<payment id>:<attempt>` for a collection), with the answer to credit in the same transaction: a
redelivered command posts nothing more and answers as the first delivery did.
"""

from __future__ import annotations

import uuid

from services.wallet.adapters.events import instalment_collected, instalment_rejected, loan_disbursed
from services.wallet.adapters.unit_of_work import WalletUnitOfWork
from services.wallet.bookkeeping import Bookkeeper, seen_by_user
from services.wallet.domain import (
    AlreadyRefused,
    HolderNotFound,
    InsufficientFunds,
    InvalidAmount,
    Money,
    SystemAccount,
    Transaction,
    TransactionKind,
    UnsupportedCurrency,
    checked_amount,
)
from services.wallet.idempotency import IdempotencyKeys, Refusals, fingerprint
from services.wallet.principals import SERVICE_ACTOR
from services.wallet.transaction_runner import TransactionRunner

COLLECTION_REFUSALS: Refusals = (InsufficientFunds, InvalidAmount, UnsupportedCurrency)
"""Why an attempt takes nothing (each code an InstalmentRejected reason); the next attempt has a key of its own."""
COLLECTION_REJECTIONS: Refusals = (*COLLECTION_REFUSALS, AlreadyRefused)
"""What collect_instalment answers with InstalmentRejected: a refusal now, or the one recorded on its key."""


class LoanPayments:
    def __init__(self, transactions: TransactionRunner, keys: IdempotencyKeys, bookkeeper: Bookkeeper) -> None:
        self.transactions = transactions
        self.keys = keys
        self.bookkeeper = bookkeeper

    async def disburse_loan(self, loan_id: str, user_id: uuid.UUID, amount: Money, *, causation_id: str = "") -> None:
        key = f"loan:{loan_id}"

        async def post(uow: WalletUnitOfWork) -> Transaction:
            checked_amount(amount)
            if await uow.ledger.holder(user_id) is None:
                raise HolderNotFound(f"no wallet for user {user_id}")
            receiving = (user_id, amount.currency)
            target = (await uow.ledger.lock_accounts([receiving], opening=[receiving]))[receiving]
            paid = await self.bookkeeper.credit(
                uow, TransactionKind.LOAN_DISBURSAL, target, amount, SystemAccount.LENDING, reference=key
            )
            return seen_by_user(paid, credited=amount)

        async def work(uow: WalletUnitOfWork) -> None:
            request = fingerprint("loan_disbursal", loan_id, user_id, amount.amount, amount.currency)
            paid = await self.keys.post_once_in(uow, SERVICE_ACTOR, key, request, post)
            await uow.outbox.add(loan_disbursed(loan_id, str(paid.id), causation_id))

        await self.transactions.run(work)

    async def collect_instalment(
        self, payment_id: str, attempt: int, user_id: uuid.UUID, amount: Money, *, causation_id: str = ""
    ) -> None:
        key = f"instalment:{payment_id}:{attempt}"

        async def post(uow: WalletUnitOfWork) -> Transaction:
            checked_amount(amount)
            taken = await self.bookkeeper.pay_platform(
                uow, TransactionKind.LOAN_REPAYMENT, user_id, amount, key, to=SystemAccount.LENDING
            )
            return seen_by_user(taken)

        async def work(uow: WalletUnitOfWork) -> None:
            request = fingerprint("loan_repayment", payment_id, attempt, user_id, amount.amount, amount.currency)
            try:
                taken = await self.keys.post_once_in(uow, SERVICE_ACTOR, key, request, post, final=COLLECTION_REFUSALS)
            except COLLECTION_REJECTIONS as refusal:
                await uow.outbox.add(instalment_rejected(payment_id, attempt, refusal.code, causation_id))
            else:
                await uow.outbox.add(instalment_collected(payment_id, attempt, str(taken.id), causation_id))

        await self.transactions.run(work)
