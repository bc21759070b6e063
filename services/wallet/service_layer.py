"""wallet's use cases: open accounts, move money between them (each move one balanced ledger transaction), read."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import random
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError

from services.platform.clock import Clock, utc_now
from services.platform.context import Principal
from services.platform.cursors import decode_cursor, encode_cursor
from services.platform.errors import AgoraError, InvalidArgument, Unauthenticated
from services.platform.ids import uuid7
from services.wallet.adapters.events import (
    payment_charged,
    payment_refunded,
    payment_rejected,
    purchase_completed,
    transfer_completed,
)
from services.wallet.adapters.orm import system_account_id
from services.wallet.adapters.rates import Rate, RateBook
from services.wallet.adapters.repository import Account, KeyClaim, NewTransaction
from services.wallet.adapters.unit_of_work import WalletUnitOfWork
from services.wallet.domain import (
    COIN,
    WELCOME_GRANT,
    AdminRequired,
    AlreadyRefunded,
    AlreadyRefused,
    ChargeNotFound,
    Counterparty,
    HolderNotFound,
    IdempotencyKeyReused,
    InsufficientFunds,
    InvalidAmount,
    MerchSummary,
    Money,
    OrderCancelled,
    Posting,
    RateUnavailable,
    SameCurrency,
    SelfTransfer,
    SystemAccount,
    Transaction,
    TransactionKind,
    UnsupportedCurrency,
    checked_amount,
    checked_currency,
    converted,
    page_size,
    parse_rate,
)

T = TypeVar("T")

SERVICE_ACTOR = uuid.UUID(int=0)
"""Whose idempotency keys a call from another service (no principal) uses."""
RETRYABLE_SQLSTATES = {"40001", "40P01"}
"""Serialization failure and deadlock: the transaction is run again from the start."""
MAX_ATTEMPTS = 5
MAX_KEY_LENGTH = 255
MAX_REFERENCE_LENGTH = 200

Post = Callable[[WalletUnitOfWork], Awaitable[Transaction]]
Refusals = tuple[type[AgoraError], ...]

PAYMENT_REFUSALS: Refusals = (InsufficientFunds, InvalidAmount, UnsupportedCurrency)
"""Why an order's charge is refused for good (no wallet is no money); each code is a PaymentRejected reason."""
PAYMENT_REJECTIONS: Refusals = (*PAYMENT_REFUSALS, AlreadyRefused)
"""What charge_order answers with PaymentRejected: a refusal now, or one recorded before (a void's among them)."""


@dataclass(frozen=True)
class Page:
    transactions: list[Transaction]
    next_cursor: str | None


@dataclass(frozen=True)
class Conversion:
    transaction: Transaction
    rate: str


def user_of(principal: Principal | None) -> uuid.UUID:
    if principal is None:
        raise Unauthenticated("a wallet belongs to a signed-in user")
    return uuid.UUID(principal.user_id)


def acting_for_platform(principal: Principal | None) -> uuid.UUID:
    """Top-ups, charges and refunds: an admin, or another service (no principal). Returns the key's owner."""
    if principal is None:
        return SERVICE_ACTOR
    if not principal.is_admin:
        raise AdminRequired("only admins and services move money this way")
    return uuid.UUID(principal.user_id)


def fingerprint(*request: object) -> str:
    """What a request asked for, so a reused idempotency key with a different request is told apart."""
    return hashlib.sha256(json.dumps([str(part) for part in request]).encode()).hexdigest()


def checked_key(key: str) -> str:
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidArgument(f"an idempotency key has at most {MAX_KEY_LENGTH} characters")
    return key


def order_key(order_id: str) -> str:
    """An order's payment: its charge's reference and SERVICE_ACTOR's idempotency key for its charge or void."""
    key = f"order:{order_id}"
    if not order_id or len(key) > MAX_REFERENCE_LENGTH:
        raise InvalidArgument(f"{order_id!r} is not an order id")
    return key


def sqlstate(error: DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None) or getattr(getattr(error.orig, "__cause__", None), "sqlstate", None)


class WalletService:
    def __init__(
        self,
        unit_of_work: Callable[[], WalletUnitOfWork],
        rates: RateBook,
        *,
        single_writer: bool,
        clock: Clock = utc_now,
    ) -> None:
        self.unit_of_work = unit_of_work
        self.rates = rates
        self.clock = clock
        # SQLite has one writer: transactions here take turns rather than fail on a busy database.
        self._write_turn = asyncio.Lock() if single_writer else None

    # -- accounts ------------------------------------------------------------------------------------------

    async def open_accounts(self, user_id: uuid.UUID, username: str) -> list[Money]:
        """Opens the user's COIN account with the welcome grant; the second call (or event) changes nothing."""

        async def work(uow: WalletUnitOfWork) -> list[Money]:
            await uow.ledger.add_holder(user_id, username)
            coins = (user_id, COIN)
            account = (await uow.ledger.lock_accounts([coins], opening=[coins]))[coins]
            # Looked for under the account's lock, so a concurrent opening that granted is seen here.
            if not await uow.ledger.has_grant(user_id):
                grant = Money(WELCOME_GRANT, COIN)
                await self._credit(uow, TransactionKind.GRANT, account, grant, SystemAccount.ISSUANCE)
            return await uow.ledger.balances(user_id)

        return await self._in_transaction(work)

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

    # -- moving money --------------------------------------------------------------------------------------

    async def transfer(self, principal: Principal | None, to_username: str, amount: Money, key: str) -> Transaction:
        sender_id = user_of(principal)
        checked_amount(amount)

        async def post(uow: WalletUnitOfWork) -> Transaction:
            sender, recipient = await uow.ledger.sender_and_recipient(sender_id, to_username)
            if recipient is None:
                raise HolderNotFound(f"no user {to_username!r}")
            if recipient.user_id == sender_id:
                raise SelfTransfer("you cannot send money to yourself")
            if sender is None:
                raise InsufficientFunds("your wallet has no money yet")
            receiving = (recipient.user_id, amount.currency)
            locked = await uow.ledger.lock_accounts([(sender_id, amount.currency), receiving], opening=[receiving])
            source = _funded(locked.get((sender_id, amount.currency)), amount)
            target = locked[(recipient.user_id, amount.currency)]
            transfer = NewTransaction(
                id=uuid7(),
                kind=TransactionKind.TRANSFER,
                user_id=sender_id,
                counterparty_id=recipient.user_id,
                amount=amount,
                postings=[
                    Posting(source.id, -amount.amount, amount.currency),
                    Posting(target.id, amount.amount, amount.currency),
                ],
                created_at=self.clock(),
            )
            await uow.ledger.record(transfer, owners={source.id: sender_id, target.id: recipient.user_id})
            await uow.outbox.add(transfer_completed(str(transfer.id), sender, recipient, amount))
            return _seen_by_user(transfer, recipient)

        return await self._idempotent(
            sender_id, key, fingerprint("transfer", to_username, amount.amount, amount.currency), post
        )

    async def purchase(self, principal: Principal | None, item: str, price: Money, key: str) -> Transaction:
        """Pays `price` for one `item`, which joins the buyer's inventory in the same transaction."""
        buyer_id = user_of(principal)
        checked_amount(price)
        if not 0 < len(item) <= MAX_REFERENCE_LENGTH:
            raise InvalidArgument(f"an item name has 1 to {MAX_REFERENCE_LENGTH} characters")

        async def post(uow: WalletUnitOfWork) -> Transaction:
            purchase = await self._pay_platform(uow, TransactionKind.PURCHASE, buyer_id, price, reference=item)
            await uow.outbox.add(purchase_completed(str(purchase.id), str(buyer_id), item, price))
            return _seen_by_user(purchase)

        return await self._idempotent(buyer_id, key, fingerprint("purchase", item, price.amount, price.currency), post)

    async def convert(self, principal: Principal | None, amount: Money, to_currency: str, key: str) -> Conversion:
        """Moves money between the user's own accounts in two currencies at the current rate, rounding down."""
        user_id = user_of(principal)
        checked_amount(amount)
        checked_currency(to_currency)
        if to_currency == amount.currency:
            raise SameCurrency("a conversion needs two different currencies")
        rate = await self.rates.get(amount.currency, to_currency)
        if rate is None:
            raise RateUnavailable(f"no current rate from {amount.currency} to {to_currency}")
        result = converted(amount, to_currency, rate.value)

        async def post(uow: WalletUnitOfWork) -> Transaction:
            receiving = (user_id, to_currency)
            locked = await uow.ledger.lock_accounts([(user_id, amount.currency), receiving], opening=[receiving])
            source = _funded(locked.get((user_id, amount.currency)), amount)
            target = locked[(user_id, to_currency)]
            conversion = NewTransaction(
                id=uuid7(),
                kind=TransactionKind.CONVERSION,
                user_id=user_id,
                amount=amount,
                postings=[
                    Posting(source.id, -amount.amount, amount.currency),
                    Posting(system_account_id(SystemAccount.EXCHANGE, amount.currency), amount.amount, amount.currency),
                    Posting(system_account_id(SystemAccount.EXCHANGE, to_currency), -result.amount, to_currency),
                    Posting(target.id, result.amount, to_currency),
                ],
                created_at=self.clock(),
                rate=format(rate.value, "f"),
            )
            await uow.ledger.record(conversion, owners={source.id: user_id, target.id: user_id})
            return _seen_by_user(conversion, credited=result)

        # The rate is part of the request: a retry after the rate changed is a different request.
        request = fingerprint("convert", amount.amount, amount.currency, to_currency, rate.value)
        transaction = await self._idempotent(user_id, key, request, post)
        async with self.unit_of_work() as uow:
            applied = await uow.ledger.conversion_rate(transaction.id)
        return Conversion(transaction, applied)

    async def top_up(self, principal: Principal | None, user_id: uuid.UUID, amount: Money, key: str) -> Transaction:
        actor = acting_for_platform(principal)
        checked_amount(amount)

        async def post(uow: WalletUnitOfWork) -> Transaction:
            if await uow.ledger.holder(user_id) is None:
                raise HolderNotFound(f"no wallet for user {user_id}")
            receiving = (user_id, amount.currency)
            target = (await uow.ledger.lock_accounts([receiving], opening=[receiving]))[receiving]
            top_up = await self._credit(uow, TransactionKind.TOP_UP, target, amount, SystemAccount.ISSUANCE)
            return _seen_by_user(top_up, credited=amount)

        return await self._idempotent(actor, key, fingerprint("top_up", user_id, amount.amount, amount.currency), post)

    async def charge(
        self, principal: Principal | None, user_id: uuid.UUID, amount: Money, reference: str, key: str
    ) -> Transaction:
        actor = acting_for_platform(principal)
        checked_key(key)
        if len(reference) > MAX_REFERENCE_LENGTH:
            raise InvalidArgument(f"a reference has at most {MAX_REFERENCE_LENGTH} characters")
        return await self._in_transaction(lambda uow: self._charged(uow, actor, key, user_id, amount, reference))

    async def refund(self, principal: Principal | None, charge_id: uuid.UUID, key: str) -> Transaction:
        """Gives a charge back in full; a charge is refunded at most once."""
        actor = acting_for_platform(principal)
        request = fingerprint("refund", charge_id)
        return await self._idempotent(actor, key, request, lambda uow: self._refunded(uow, charge_id))

    async def _charged(
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
            return _seen_by_user(await self._pay_platform(uow, TransactionKind.CHARGE, user_id, amount, reference))

        request = fingerprint("charge", user_id, amount.amount, amount.currency, reference)
        return await self._posted_once(uow, actor, key, request, post, final=final)

    async def _refunded(self, uow: WalletUnitOfWork, charge_id: uuid.UUID) -> Transaction:
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
            refund = await self._credit(
                uow, TransactionKind.REFUND, target, amount, SystemAccount.REVENUE, reference=str(charge_id)
            )
        except IntegrityError:
            raise AlreadyRefunded(f"charge {charge_id} is refunded already") from None
        return _seen_by_user(refund, credited=amount)

    async def _pay_platform(
        self, uow: WalletUnitOfWork, kind: TransactionKind, user_id: uuid.UUID, amount: Money, reference: str
    ) -> NewTransaction:
        """Moves `amount` from the user's account to the platform's revenue (a purchase or a charge)."""
        paying = (user_id, amount.currency)
        source = _funded((await uow.ledger.lock_accounts([paying])).get(paying), amount)
        payment = NewTransaction(
            id=uuid7(),
            kind=kind,
            user_id=user_id,
            amount=amount,
            postings=[
                Posting(source.id, -amount.amount, amount.currency),
                Posting(system_account_id(SystemAccount.REVENUE, amount.currency), amount.amount, amount.currency),
            ],
            created_at=self.clock(),
            reference=reference,
        )
        await uow.ledger.record(payment, owners={source.id: user_id})
        return payment

    async def _credit(
        self,
        uow: WalletUnitOfWork,
        kind: TransactionKind,
        account: Account,
        amount: Money,
        source: SystemAccount,
        reference: str = "",
    ) -> NewTransaction:
        """Moves `amount` from a system account into the (locked) user account: a grant, top-up or refund."""
        credit = NewTransaction(
            id=uuid7(),
            kind=kind,
            user_id=account.user_id,
            amount=amount,
            postings=[
                Posting(account.id, amount.amount, amount.currency),
                Posting(system_account_id(source, amount.currency), -amount.amount, amount.currency),
            ],
            created_at=self.clock(),
            reference=reference,
        )
        await uow.ledger.record(credit, owners={account.id: account.user_id})
        return credit

    # -- the order saga's payments -------------------------------------------------------------------------

    async def charge_order(self, order_id: str, user_id: uuid.UUID, amount: Money, *, causation_id: str = "") -> None:
        """Charges an order's total to its owner once and answers PaymentCharged, or PaymentRejected if it cannot.

        The charge is an ordinary charge under SERVICE_ACTOR's key `order:<id>`. A refusal (not enough money, no
        wallet, a bad amount) is recorded on that key in place of a transaction, as a void is (refund_order): a
        redelivery answers as the first delivery did, and the order is never charged later.
        """
        key = order_key(order_id)

        async def work(uow: WalletUnitOfWork) -> None:
            try:
                charge = await self._charged(uow, SERVICE_ACTOR, key, user_id, amount, key, final=PAYMENT_REFUSALS)
            except PAYMENT_REJECTIONS as refusal:
                await uow.outbox.add(payment_rejected(order_id, refusal.code, causation_id))
            else:
                await uow.outbox.add(payment_charged(order_id, str(charge.id), causation_id))

        await self._in_transaction(work)

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
                    await self._refunded(uow, claim.transaction_id)
            await uow.outbox.add(payment_refunded(order_id, causation_id))

        await self._in_transaction(work)

    # -- rates ---------------------------------------------------------------------------------------------

    async def set_rate(self, principal: Principal | None, base: str, quote: str, rate: str) -> Rate:
        if principal is None or not principal.is_admin:
            raise AdminRequired("only admins set conversion rates")
        return await self._set_rate(base, quote, rate)

    async def rates_in_force(self) -> list[Rate]:
        return await self.rates.all()

    async def load_rates(self, path: Path) -> int:
        """Sets every rate of a JSON file {"BASE/QUOTE": "rate", ...}; returns how many."""
        try:
            listed = json.loads(await asyncio.to_thread(path.read_text))
        except (OSError, ValueError) as error:
            raise InvalidArgument(f"cannot read the rates file {path}: {error}") from error
        if not isinstance(listed, dict):
            raise InvalidArgument(f'the rates file {path} must hold an object of "BASE/QUOTE": "rate"')
        for pair, rate in listed.items():
            base, _, quote = str(pair).partition("/")
            await self._set_rate(base, quote, str(rate))
        return len(listed)

    async def _set_rate(self, base: str, quote: str, rate: str) -> Rate:
        checked_currency(base)
        checked_currency(quote)
        if base == quote:
            raise SameCurrency("a rate needs two different currencies")
        value: Decimal = parse_rate(rate)
        return await self.rates.set(base, quote, value)

    # -- transactions --------------------------------------------------------------------------------------

    async def _idempotent(self, actor: uuid.UUID, key: str, request: str, post: Post) -> Transaction:
        """Posts once per idempotency key, in a transaction of its own."""
        checked_key(key)
        return await self._in_transaction(lambda uow: self._posted_once(uow, actor, key, request, post))

    async def _posted_once(
        self, uow: WalletUnitOfWork, actor: uuid.UUID, key: str, request: str, post: Post, *, final: Refusals = ()
    ) -> Transaction:
        """Posts once per idempotency key: the key is taken in the ledger transaction itself (a primary key),
        so a retry returns the first result, and the key with another request is refused.

        A refusal of a type in `final` is recorded on the key as it propagates (for the caller to commit): the
        request is refused for good, and its retries are refused alike even once they could succeed.
        """
        if key:
            claim = await uow.ledger.claim_key(actor, key, request, self.clock())
            if claim is not None:
                return await _replayed(uow, claim, request)
        try:
            transaction = await post(uow)
        except final as refusal:
            if key:
                await uow.ledger.refuse_key(actor, key, refusal.code)
            raise
        if key:
            await uow.ledger.settle_key(actor, key, transaction.id)
        return transaction

    async def _in_transaction(self, work: Callable[[WalletUnitOfWork], Awaitable[T]]) -> T:
        """Runs `work` in one transaction and commits it; runs it again on a serialization failure or deadlock."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                async with self._writing(), self.unit_of_work() as uow:
                    result = await work(uow)
                    await uow.commit()
                    return result
            except DBAPIError as error:
                if attempt == MAX_ATTEMPTS or sqlstate(error) not in RETRYABLE_SQLSTATES:
                    raise
                await asyncio.sleep(random.uniform(0, 0.01 * 2**attempt))
        raise AssertionError("unreachable")

    @contextlib.asynccontextmanager
    async def _writing(self) -> AsyncIterator[None]:
        if self._write_turn is None:
            yield
            return
        async with self._write_turn:
            yield


async def _replayed(uow: WalletUnitOfWork, claim: KeyClaim, request: str) -> Transaction:
    """The first answer to a retried idempotency key: its transaction, or its refusal again.

    A key refused for good refuses whatever is asked with it: a voided order's key refuses the order's charge.
    """
    if claim.refusal is not None:
        raise AlreadyRefused(claim.refusal)
    if claim.fingerprint != request or claim.transaction_id is None:
        raise IdempotencyKeyReused("this Idempotency-Key was used for a different request")
    return await uow.ledger.replay(claim.transaction_id)


def _funded(account: Account | None, amount: Money) -> Account:
    """The account, if it holds at least `amount`."""
    if account is None or account.balance < amount.amount:
        raise InsufficientFunds(f"not enough {amount.currency} for {amount.amount}")
    return account


def _seen_by_user(
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
