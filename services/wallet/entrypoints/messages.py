"""Translations between wallet's domain and its protobuf messages."""

from __future__ import annotations

import uuid

from agora.common.v1.money_pb2 import Money as MoneyMessage
from agora.wallet.v1 import wallet_pb2 as pb
from services.platform.errors import InvalidArgument
from services.wallet.adapters.rates import Rate
from services.wallet.domain import Money, Transaction, TransactionKind

KINDS = {
    TransactionKind.GRANT: pb.TRANSACTION_KIND_GRANT,
    TransactionKind.TRANSFER: pb.TRANSACTION_KIND_TRANSFER,
    TransactionKind.PURCHASE: pb.TRANSACTION_KIND_PURCHASE,
    TransactionKind.CONVERSION: pb.TRANSACTION_KIND_CONVERSION,
    TransactionKind.TOP_UP: pb.TRANSACTION_KIND_TOP_UP,
    TransactionKind.CHARGE: pb.TRANSACTION_KIND_CHARGE,
    TransactionKind.REFUND: pb.TRANSACTION_KIND_REFUND,
    TransactionKind.LOAN_DISBURSAL: pb.TRANSACTION_KIND_LOAN_DISBURSAL,
    TransactionKind.LOAN_REPAYMENT: pb.TRANSACTION_KIND_LOAN_REPAYMENT,
}


def money_message(money: Money) -> MoneyMessage:
    return MoneyMessage(amount=money.amount, currency=money.currency)


def money_of(message: MoneyMessage) -> Money:
    return Money(message.amount, message.currency)


def user_id_of(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise InvalidArgument(f"{raw!r} is not a user id") from None


def transaction_message(transaction: Transaction) -> pb.Transaction:
    message = pb.Transaction(
        id=str(transaction.id),
        kind=KINDS[transaction.kind],
        amounts=[money_message(amount) for amount in transaction.amounts],
        reference=transaction.reference,
    )
    if transaction.counterparty is not None:
        message.counterparty.user_id = str(transaction.counterparty.user_id)
        message.counterparty.username = transaction.counterparty.username
    message.created_at.FromDatetime(transaction.created_at)
    return message


def balance_messages(balances: list[Money]) -> list[pb.Balance]:
    return [pb.Balance(available=money_message(balance)) for balance in balances]


def rate_message(rate: Rate) -> pb.Rate:
    message = pb.Rate(base=rate.base, quote=rate.quote, rate=format(rate.value, "f"))
    message.expires_at.FromDatetime(rate.expires_at)
    return message
