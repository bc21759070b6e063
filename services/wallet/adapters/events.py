"""wallet's outgoing events, as envelopes for the outbox: what happened, and its answers to the order saga."""

from __future__ import annotations

from agora.common.v1.money_pb2 import Money as MoneyMessage
from agora.events.v1.envelope_pb2 import Envelope
from agora.events.v1.wallet_pb2 import (
    InstalmentCollected,
    InstalmentRejected,
    LoanDisbursed,
    PaymentCharged,
    PaymentRefunded,
    PaymentRejected,
    PurchaseCompleted,
    TransferCompleted,
)
from services.platform.events import wrap
from services.wallet.domain import Counterparty, Money

PRODUCER = "wallet"


def transfer_completed(transaction_id: str, sender: Counterparty, recipient: Counterparty, amount: Money) -> Envelope:
    payload = TransferCompleted(
        transaction_id=transaction_id,
        from_user_id=str(sender.user_id),
        from_username=sender.username,
        to_user_id=str(recipient.user_id),
        to_username=recipient.username,
        amount=MoneyMessage(amount=amount.amount, currency=amount.currency),
    )
    payload.completed_at.GetCurrentTime()
    return wrap(payload, producer=PRODUCER)


def purchase_completed(transaction_id: str, user_id: str, item: str, price: Money) -> Envelope:
    payload = PurchaseCompleted(
        transaction_id=transaction_id,
        user_id=user_id,
        item=item,
        price=MoneyMessage(amount=price.amount, currency=price.currency),
    )
    payload.completed_at.GetCurrentTime()
    return wrap(payload, producer=PRODUCER)


# The answers to orders' commands name the command they answer (causation_id), so a saga's chain can be followed.


def payment_charged(order_id: str, charge_id: str, causation_id: str) -> Envelope:
    return wrap(PaymentCharged(order_id=order_id, charge_id=charge_id), producer=PRODUCER, causation_id=causation_id)


def payment_rejected(order_id: str, reason: str, causation_id: str) -> Envelope:
    return wrap(PaymentRejected(order_id=order_id, reason=reason), producer=PRODUCER, causation_id=causation_id)


def payment_refunded(order_id: str, causation_id: str) -> Envelope:
    return wrap(PaymentRefunded(order_id=order_id), producer=PRODUCER, causation_id=causation_id)


def loan_disbursed(loan_id: str, transaction_id: str, causation_id: str) -> Envelope:
    disbursed = LoanDisbursed(loan_id=loan_id, transaction_id=transaction_id)
    return wrap(disbursed, producer=PRODUCER, causation_id=causation_id)


def instalment_collected(payment_id: str, attempt: int, transaction_id: str, causation_id: str) -> Envelope:
    collected = InstalmentCollected(payment_id=payment_id, attempt=attempt, transaction_id=transaction_id)
    return wrap(collected, producer=PRODUCER, causation_id=causation_id)


def instalment_rejected(payment_id: str, attempt: int, reason: str, causation_id: str) -> Envelope:
    rejected = InstalmentRejected(payment_id=payment_id, attempt=attempt, reason=reason)
    return wrap(rejected, producer=PRODUCER, causation_id=causation_id)
