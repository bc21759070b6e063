"""The order saga's payments: an order is charged at most once, and refunded or voided when it is cancelled."""

from __future__ import annotations

import contextlib
import uuid

from services.platform.clock import Clock
from services.platform.errors import InvalidArgument
from services.wallet.adapters.events import payment_charged, payment_refunded, payment_rejected
from services.wallet.adapters.unit_of_work import WalletUnitOfWork
from services.wallet.bookkeeping import MAX_REFERENCE_LENGTH
from services.wallet.domain import (
    AlreadyRefunded,
    AlreadyRefused,
    InsufficientFunds,
    InvalidAmount,
    Money,
    OrderCancelled,
    UnsupportedCurrency,
)
from services.wallet.idempotency import Refusals, fingerprint
from services.wallet.platform_payments import PlatformPayments
from services.wallet.principals import SERVICE_ACTOR
from services.wallet.transaction_runner import TransactionRunner

PAYMENT_REFUSALS: Refusals = (InsufficientFunds, InvalidAmount, UnsupportedCurrency)
"""Why an order's charge is refused for good (no wallet is no money); each code is a PaymentRejected reason."""
PAYMENT_REJECTIONS: Refusals = (*PAYMENT_REFUSALS, AlreadyRefused)
"""What charge_order answers with PaymentRejected: a refusal now, or one recorded before (a void's among them)."""


def order_key(order_id: str) -> str:
    """An order's payment: its charge's reference and SERVICE_ACTOR's idempotency key for its charge or void."""
    key = f"order:{order_id}"
    if not order_id or len(key) > MAX_REFERENCE_LENGTH:
        raise InvalidArgument(f"{order_id!r} is not an order id")
    return key


class OrderPayments:
    def __init__(self, transactions: TransactionRunner, payments: PlatformPayments, clock: Clock) -> None:
        self.transactions = transactions
        self.payments = payments
        self.clock = clock

    async def charge_order(self, order_id: str, user_id: uuid.UUID, amount: Money, *, causation_id: str = "") -> None:
        """Charges an order's total to its owner once and answers PaymentCharged, or PaymentRejected if it cannot.

        The charge is an ordinary charge under SERVICE_ACTOR's key `order:<id>`. A refusal (not enough money, no
        wallet, a bad amount) is recorded on that key in place of a transaction, as a void is (refund_order): a
        redelivery answers as the first delivery did, and the order is never charged later.
        """
        key = order_key(order_id)

        async def work(uow: WalletUnitOfWork) -> None:
            try:
                charge = await self.payments.charged(
                    uow, SERVICE_ACTOR, key, user_id, amount, key, final=PAYMENT_REFUSALS
                )
            except PAYMENT_REJECTIONS as refusal:
                await uow.outbox.add(payment_rejected(order_id, refusal.code, causation_id))
            else:
                await uow.outbox.add(payment_charged(order_id, str(charge.id), causation_id))

        await self.transactions.run(work)

    async def refund_order(self, order_id: str, *, causation_id: str = "") -> None:
        """Refunds the order's charge, or voids the order if it has none; answers PaymentRefunded either way.

        A void takes the order's key (with a request of its own) and refuses it as cancelled, so a charge that
        comes later, or waits on the key now, is refused. A second refund finds the first and changes nothing.
        """
        key = order_key(order_id)

        async def work(uow: WalletUnitOfWork) -> None:
            claim = await uow.ledger.claim_key(SERVICE_ACTOR, key, fingerprint("void", order_id), self.clock())
            if claim is None:
                await uow.ledger.refuse_key(SERVICE_ACTOR, key, OrderCancelled.code)
            elif claim.transaction_id is not None:
                with contextlib.suppress(AlreadyRefunded):
                    await self.payments.refunded(uow, claim.transaction_id)
            await uow.outbox.add(payment_refunded(order_id, causation_id))

        await self.transactions.run(work)
