"""Money, accounts and ledger postings, and the rules every posting keeps, without I/O."""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_FLOOR, Context, Decimal

from services.platform.errors import AdminRequired as AdminRequired  # the platform's, for this context's modules
from services.platform.errors import Conflict, InvalidArgument, NotFound
from services.platform.money import COIN as COIN  # the platform's, re-exported for wallet's modules
from services.platform.money import MAX_AMOUNT as MAX_AMOUNT
from services.platform.money import MINOR_UNIT_DIGITS as MINOR_UNIT_DIGITS
from services.platform.money import Money as Money

WELCOME_GRANT = 1_000
"""COIN every new user receives."""
RATE = re.compile(r"[1-9][0-9]{0,9}(\.[0-9]{1,12})?|0\.[0-9]{0,11}[1-9][0-9]{0,11}")
"""A positive decimal rate, as the contract's DecimalRate pattern allows it (no exponent, no sign)."""
EXACT = Context(prec=100)
"""Enough digits that amount x rate is exact before it is rounded down (16 + 33 digits at most)."""


class TransactionKind(enum.StrEnum):
    GRANT = "grant"
    TRANSFER = "transfer"
    PURCHASE = "purchase"
    CONVERSION = "conversion"
    TOP_UP = "top_up"
    CHARGE = "charge"
    REFUND = "refund"
    LOAN_DISBURSAL = "loan_disbursal"
    LOAN_REPAYMENT = "loan_repayment"


class SystemAccount(enum.StrEnum):
    """The platform's side of every posting, one account per currency; its balance may go below zero."""

    ISSUANCE = "issuance"  # where grants and top-ups come from: minus the money the platform has issued
    REVENUE = "revenue"  # what purchases and charges paid, less refunds
    EXCHANGE = "exchange"  # the other side of conversions, in each currency
    LENDING = "lending"  # loans paid out, less instalments collected: minus what borrowers owe


class InsufficientFunds(Conflict):
    code = "insufficient_funds"


class HolderNotFound(NotFound):
    code = "user_not_found"


# Refusals of requests the contract's schema allows are conflicts (409), not validation failures (422).
class SelfTransfer(Conflict):
    code = "self_transfer"


class SameCurrency(Conflict):
    code = "same_currency"


class ConversionOutOfRange(Conflict):
    code = "conversion_out_of_range"


class UnsupportedCurrency(InvalidArgument):
    code = "unsupported_currency"


class InvalidAmount(InvalidArgument):
    code = "invalid_amount"


class RateUnavailable(Conflict):
    code = "rate_unavailable"


class InvalidRate(InvalidArgument):
    code = "invalid_rate"


class ChargeNotFound(NotFound):
    code = "charge_not_found"


class AlreadyRefunded(Conflict):
    code = "already_refunded"


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"


class AlreadyRefused(Conflict):
    """A request under an idempotency key that was refused for good: refused again with the first refusal's code."""

    def __init__(self, code: str) -> None:
        super().__init__(f"this request was refused before ({code})", code=code)


class OrderCancelled(Conflict):
    """The order was refunded before it was charged: its charge is refused for good."""

    code = "cancelled"


def checked_currency(currency: str) -> str:
    if currency not in MINOR_UNIT_DIGITS:
        raise UnsupportedCurrency(f"unsupported currency {currency!r}; supported: {', '.join(MINOR_UNIT_DIGITS)}")
    return currency


def checked_amount(money: Money) -> Money:
    """A positive amount of a supported currency, as every posting moves."""
    checked_currency(money.currency)
    if not 0 < money.amount <= MAX_AMOUNT:
        raise InvalidAmount(f"amount must be between 1 and {MAX_AMOUNT}")
    return money


def parse_rate(raw: str) -> Decimal:
    """A positive decimal rate: up to 10 digits before the point and 12 after (23 when it is below 1)."""
    if not RATE.fullmatch(raw):
        raise InvalidRate(f"rate {raw!r} is not a positive decimal number like 0.9237")
    return Decimal(raw)


def converted(amount: Money, to_currency: str, rate: Decimal) -> Money:
    """`amount` in `to_currency` at `rate` (units of to per unit of from), rounded down to a whole minor unit.

    Rounding down means a conversion never creates value: the fraction stays with the exchange account.
    """
    if to_currency == amount.currency:
        raise SameCurrency("a conversion needs two different currencies")
    scale = Decimal(10) ** (MINOR_UNIT_DIGITS[to_currency] - MINOR_UNIT_DIGITS[amount.currency])
    exact = EXACT.multiply(EXACT.multiply(Decimal(amount.amount), rate), scale)
    result = int(exact.to_integral_value(rounding=ROUND_FLOOR))
    if result < 1:
        raise ConversionOutOfRange(f"{amount.amount} {amount.currency} is less than one minor unit of {to_currency}")
    if result > MAX_AMOUNT:
        raise ConversionOutOfRange(f"the converted amount would exceed {MAX_AMOUNT}")
    return Money(result, to_currency)


@dataclass(frozen=True)
class Posting:
    """One ledger entry: money into (positive) or out of (negative) one account."""

    account_id: uuid.UUID
    amount: int
    currency: str


def check_balanced(postings: list[Posting]) -> None:
    """Every posting set sums to zero in each currency: money moves, it is never made or lost."""
    totals: dict[str, int] = {}
    for posting in postings:
        if posting.amount == 0:
            raise ValueError("a posting moves a non-zero amount")
        totals[posting.currency] = totals.get(posting.currency, 0) + posting.amount
    unbalanced = {currency: total for currency, total in totals.items() if total}
    if unbalanced:
        raise ValueError(f"unbalanced postings: {unbalanced}")


@dataclass(frozen=True)
class Counterparty:
    user_id: uuid.UUID
    username: str


@dataclass(frozen=True)
class Transaction:
    """A ledger transaction as one user sees it: what it did to their accounts."""

    id: uuid.UUID
    kind: TransactionKind
    amounts: list[Money]
    counterparty: Counterparty | None
    reference: str
    created_at: datetime


@dataclass(frozen=True)
class MerchSummary:
    coins: int
    inventory: list[tuple[str, int]]
    received: list[tuple[str, int]]
    sent: list[tuple[str, int]]
