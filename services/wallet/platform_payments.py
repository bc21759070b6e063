"""Money the platform moves, asked by an admin or another service: top-ups, charges and their refunds."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError

from services.platform.context import Principal
from services.platform.errors import InvalidArgument
from services.wallet.adapters.unit_of_work import WalletUnitOfWork
from services.wallet.bookkeeping import MAX_REFERENCE_LENGTH, Bookkeeper, seen_by_user
from services.wallet.domain import (
    AlreadyRefunded,
    ChargeNotFound,
    HolderNotFound,
    Money,
    SystemAccount,
    Transaction,
    TransactionKind,
    checked_amount,
)
from services.wallet.idempotency import IdempotencyKeys, Refusals, checked_key, fingerprint
from services.wallet.principals import acting_for_platform
from services.wallet.transaction_runner import TransactionRunner


class PlatformPayments:
    def __init__(self, transactions: TransactionRunner, keys: IdempotencyKeys, bookkeeper: Bookkeeper) -> None:
        self.transactions = transactions
        self.keys = keys
        self.bookkeeper = bookkeeper

    async def top_up(self, principal: Principal | None, user_id: uuid.UUID, amount: Money, key: str) -> Transaction:
        actor = acting_for_platform(principal)
        checked_amount(amount)

        async def post(uow: WalletUnitOfWork) -> Transaction:
            if await uow.ledger.holder(user_id) is None:
                raise HolderNotFound(f"no wallet for user {user_id}")
            receiving = (user_id, amount.currency)
            target = (await uow.ledger.lock_accounts([receiving], opening=[receiving]))[receiving]
            top_up = await self.bookkeeper.credit(uow, TransactionKind.TOP_UP, target, amount, SystemAccount.ISSUANCE)
            return seen_by_user(top_up, credited=amount)

        request = fingerprint("top_up", user_id, amount.amount, amount.currency)
        return await self.keys.post_once(actor, key, request, post)

    async def charge(
        self, principal: Principal | None, user_id: uuid.UUID, amount: Money, reference: str, key: str
    ) -> Transaction:
        actor = acting_for_platform(principal)
        checked_key(key)
        if len(reference) > MAX_REFERENCE_LENGTH:
            raise InvalidArgument(f"a reference has at most {MAX_REFERENCE_LENGTH} characters")
        return await self.transactions.run(lambda uow: self.charged(uow, actor, key, user_id, amount, reference))

    async def refund(self, principal: Principal | None, charge_id: uuid.UUID, key: str) -> Transaction:
        """Gives a charge back in full; a charge is refunded at most once."""
        actor = acting_for_platform(principal)
        request = fingerprint("refund", charge_id)
        return await self.keys.post_once(actor, key, request, lambda uow: self.refunded(uow, charge_id))

    async def charged(
        self,
        uow: WalletUnitOfWork,
        actor: uuid.UUID,
        key: str,
        user_id: uuid.UUID,
        amount: Money,
        reference: str,
        *,
        final: Refusals = (),
    ) -> Transaction:
        """Charges `amount` to the platform's revenue once per idempotency key, in the caller's transaction.

        The amount is checked inside, after the key is claimed, so a refusal of it can be `final` too.
        """

        async def post(uow: WalletUnitOfWork) -> Transaction:
            checked_amount(amount)
            charge = await self.bookkeeper.pay_platform(uow, TransactionKind.CHARGE, user_id, amount, reference)
            return seen_by_user(charge)

        request = fingerprint("charge", user_id, amount.amount, amount.currency, reference)
        return await self.keys.post_once_in(uow, actor, key, request, post, final=final)

    async def refunded(self, uow: WalletUnitOfWork, charge_id: uuid.UUID) -> Transaction:
        """Gives the charge back in full, in the caller's transaction; refuses a second refund."""
        charged = await uow.ledger.charge(charge_id)
        if charged is None:
            raise ChargeNotFound(f"no charge {charge_id}")
        user_id, amount = charged
        target = (await uow.ledger.lock_accounts([(user_id, amount.currency)]))[(user_id, amount.currency)]
        # Under the account's lock: a concurrent refund of the same charge has committed by now, if any.
        if await uow.ledger.refund_of(charge_id) is not None:
            raise AlreadyRefunded(f"charge {charge_id} is refunded already")
        try:
            refund = await self.bookkeeper.credit(
                uow, TransactionKind.REFUND, target, amount, SystemAccount.REVENUE, reference=str(charge_id)
            )
        except IntegrityError:
            raise AlreadyRefunded(f"charge {charge_id} is refunded already") from None
        return seen_by_user(refund, credited=amount)
