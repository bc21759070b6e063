"""wallet's use cases on the embedded store: grants, transfers, purchases, conversion, idempotency, refunds."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from services.platform.context import Principal
from services.platform.settings import Settings
from services.wallet.adapters.orm import accounts, entries
from services.wallet.domain import (
    AdminRequired,
    AlreadyRefunded,
    ConversionOutOfRange,
    HolderNotFound,
    IdempotencyKeyReused,
    InsufficientFunds,
    InvalidAmount,
    InvalidRate,
    Money,
    RateUnavailable,
    SelfTransfer,
    TransactionKind,
    UnsupportedCurrency,
    converted,
)
from services.wallet.service import open_wallet
from services.wallet.service_layer import WalletService

ADMIN = Principal(user_id=str(uuid.uuid4()), role="admin")


@pytest.fixture
async def wallet(settings: Settings) -> AsyncIterator[WalletService]:
    service, database = await open_wallet(settings)
    yield service
    await database.close()


async def user(wallet: WalletService, name: str) -> Principal:
    user_id = uuid.uuid4()
    await wallet.open_accounts(user_id, name)
    return Principal(user_id=str(user_id), role="customer")


async def coins(wallet: WalletService, principal: Principal) -> int:
    return next(b.amount for b in await wallet.balances(principal) if b.currency == "COIN")


async def ledger_totals(wallet: WalletService) -> dict[str, int]:
    """The sum of every entry per currency: zero when every posting balanced."""
    async with wallet.unit_of_work() as uow:
        rows = await uow.ledger.session.execute(
            select(entries.c.currency, func.sum(entries.c.amount).label("total")).group_by(entries.c.currency)
        )
        return {row.currency: int(row.total) for row in rows}


async def user_balances_match_entries(wallet: WalletService) -> bool:
    async with wallet.unit_of_work() as uow:
        session = uow.ledger.session
        kept = await session.execute(select(accounts.c.id, accounts.c.balance).where(accounts.c.user_id.isnot(None)))
        summed = await session.execute(
            select(entries.c.account_id, func.sum(entries.c.amount).label("total"))
            .where(entries.c.user_id.isnot(None))
            .group_by(entries.c.account_id)
        )
        totals = {row.account_id: int(row.total) for row in summed}
    return all(totals.get(account, 0) == balance for account, balance in kept)


async def test_opening_grants_a_thousand_coins_once(wallet: WalletService) -> None:
    user_id = uuid.uuid4()
    first = await wallet.open_accounts(user_id, "ann")
    again = await wallet.open_accounts(user_id, "ann")

    assert first == again == [Money(1000, "COIN")]
    history = await wallet.history(Principal(str(user_id), "customer"), None, 10)
    assert [t.kind for t in history.transactions] == [TransactionKind.GRANT]
    assert await ledger_totals(wallet) == {"COIN": 0}


async def test_a_transfer_moves_coins_and_both_sides_see_it(wallet: WalletService) -> None:
    ann, bob = await user(wallet, "ann"), await user(wallet, "bob")

    sent = await wallet.transfer(ann, "bob", Money(300, "COIN"), "")

    assert sent.amounts == [Money(-300, "COIN")]
    assert sent.counterparty is not None
    assert sent.counterparty.username == "bob"
    assert (await coins(wallet, ann), await coins(wallet, bob)) == (700, 1300)
    bobs = (await wallet.history(bob, None, 10)).transactions
    assert bobs[0].kind is TransactionKind.TRANSFER
    assert bobs[0].amounts == [Money(300, "COIN")]
    assert bobs[0].counterparty is not None
    assert bobs[0].counterparty.username == "ann"
    summary = await wallet.merch_summary(bob)
    assert (summary.coins, summary.received, summary.sent) == (1300, [("ann", 300)], [])
    assert await ledger_totals(wallet) == {"COIN": 0}
    assert await user_balances_match_entries(wallet)


@pytest.mark.parametrize(
    ("to", "amount", "error"),
    [
        ("bob", Money(1001, "COIN"), InsufficientFunds),
        ("bob", Money(0, "COIN"), InvalidAmount),
        ("bob", Money(-5, "COIN"), InvalidAmount),
        ("bob", Money(5, "XYZ"), UnsupportedCurrency),
        ("bob", Money(5, "USD"), InsufficientFunds),
        ("ann", Money(5, "COIN"), SelfTransfer),
        ("nobody", Money(5, "COIN"), HolderNotFound),
    ],
)
async def test_a_refused_transfer_changes_nothing(
    wallet: WalletService, to: str, amount: Money, error: type[Exception]
) -> None:
    ann, bob = await user(wallet, "ann"), await user(wallet, "bob")

    with pytest.raises(error):
        await wallet.transfer(ann, to, amount, "")

    assert (await coins(wallet, ann), await coins(wallet, bob)) == (1000, 1000)
    assert len((await wallet.history(ann, None, 10)).transactions) == 1


async def test_recipients_are_found_regardless_of_case(wallet: WalletService) -> None:
    ann, bob = await user(wallet, "ann"), await user(wallet, "Bob")

    sent = await wallet.transfer(ann, "BOB", Money(5, "COIN"), "")

    assert sent.counterparty is not None
    assert sent.counterparty.username == "Bob"
    assert await coins(wallet, bob) == 1005
    with pytest.raises(SelfTransfer):
        await wallet.transfer(ann, "ANN", Money(5, "COIN"), "")


async def test_purchases_fill_the_inventory_and_never_overdraw(wallet: WalletService) -> None:
    ann = await user(wallet, "ann")

    for item in ("cup", "pen", "cup"):
        await wallet.purchase(ann, item, Money(300, "COIN"), "")
    with pytest.raises(InsufficientFunds):
        await wallet.purchase(ann, "cup", Money(300, "COIN"), "")

    summary = await wallet.merch_summary(ann)
    assert (summary.coins, summary.inventory) == (100, [("cup", 2), ("pen", 1)])
    assert await ledger_totals(wallet) == {"COIN": 0}


async def test_a_retried_key_returns_the_first_result_and_a_reused_key_is_refused(wallet: WalletService) -> None:
    ann, _ = await user(wallet, "ann"), await user(wallet, "bob")

    first = await wallet.transfer(ann, "bob", Money(100, "COIN"), "key-1")
    retried = await wallet.transfer(ann, "bob", Money(100, "COIN"), "key-1")
    with pytest.raises(IdempotencyKeyReused):
        await wallet.transfer(ann, "bob", Money(200, "COIN"), "key-1")

    assert retried == first
    assert await coins(wallet, ann) == 900


async def test_conversion_uses_the_rate_rounds_down_and_creates_nothing(wallet: WalletService) -> None:
    ann = await user(wallet, "ann")
    await wallet.top_up(ADMIN, uuid.UUID(ann.user_id), Money(1001, "USD"), "")
    await wallet.set_rate(ADMIN, "USD", "EUR", "0.9237")

    conversion = await wallet.convert(ann, Money(1001, "USD"), "EUR", "")

    # 10.01 USD * 0.9237 = 9.246237 EUR -> 9.24 EUR (924 cents), rounded down.
    assert conversion.rate == "0.9237"
    assert conversion.transaction.amounts == [Money(-1001, "USD"), Money(924, "EUR")]
    balances = {b.currency: b.amount for b in await wallet.balances(ann)}
    assert balances == {"COIN": 1000, "EUR": 924, "USD": 0}
    assert await ledger_totals(wallet) == {"COIN": 0, "USD": 0, "EUR": 0}
    assert await user_balances_match_entries(wallet)


def test_conversion_between_currencies_of_different_minor_units() -> None:
    assert converted(Money(150, "COIN"), "USD", Decimal("0.01")) == Money(150, "USD")  # 1.50 USD
    assert converted(Money(199, "USD"), "JPY", Decimal("150.5")) == Money(299, "JPY")  # 299.495 -> 299
    with pytest.raises(ConversionOutOfRange):
        converted(Money(1, "JPY"), "USD", Decimal("0.0066"))  # 0.66 cents: less than one minor unit
    # Exact before rounding down, however many digits: 10^15 - 1 units at a rate just under 1.
    assert converted(Money(10**15 - 1, "EUR"), "USD", Decimal("0.99999999999999999999999")) == Money(10**15 - 2, "USD")


async def test_a_missing_rate_or_bad_rate_is_an_error(wallet: WalletService) -> None:
    ann = await user(wallet, "ann")

    with pytest.raises(RateUnavailable):
        await wallet.convert(ann, Money(10, "COIN"), "USD", "")
    for bad in ("0", "0.000", "-1", "abc", "NaN", "Infinity", "1e3", "1.0000000000001", "12345678901"):
        with pytest.raises(InvalidRate):
            await wallet.set_rate(ADMIN, "COIN", "USD", bad)
    with pytest.raises(AdminRequired):
        await wallet.set_rate(ann, "COIN", "USD", "0.01")


async def test_an_expired_rate_is_unavailable(wallet: WalletService) -> None:
    ann = await user(wallet, "ann")
    wallet.rates.ttl_seconds = 0

    await wallet.set_rate(ADMIN, "COIN", "USD", "0.01")

    with pytest.raises(RateUnavailable):
        await wallet.convert(ann, Money(100, "COIN"), "USD", "")


async def test_rates_load_from_a_file(wallet: WalletService, tmp_path: Path) -> None:
    rates = tmp_path / "rates.json"
    rates.write_text(json.dumps({"USD/EUR": "0.92", "EUR/USD": "1.08"}))

    assert await wallet.load_rates(rates) == 2

    assert {(r.base, r.quote, r.value) for r in await wallet.rates_in_force()} == {
        ("USD", "EUR", Decimal("0.92")),
        ("EUR", "USD", Decimal("1.08")),
    }


async def test_a_charge_is_refunded_once_and_only_admins_or_services_charge(wallet: WalletService) -> None:
    ann = await user(wallet, "ann")
    ann_id = uuid.UUID(ann.user_id)

    with pytest.raises(AdminRequired):
        await wallet.charge(ann, ann_id, Money(100, "COIN"), "order-1", "")
    charge = await wallet.charge(None, ann_id, Money(100, "COIN"), "order-1", "")
    refund = await wallet.refund(ADMIN, charge.id, "")
    with pytest.raises(AlreadyRefunded):
        await wallet.refund(None, charge.id, "")

    assert refund.amounts == [Money(100, "COIN")]
    assert await coins(wallet, ann) == 1000
    kinds = [t.kind for t in (await wallet.history(ann, None, 10)).transactions]
    assert kinds == [TransactionKind.REFUND, TransactionKind.CHARGE, TransactionKind.GRANT]


async def test_history_pages_newest_first(wallet: WalletService) -> None:
    ann, _ = await user(wallet, "ann"), await user(wallet, "bob")
    for amount in range(1, 6):
        await wallet.transfer(ann, "bob", Money(amount, "COIN"), "")

    first = await wallet.history(ann, None, 4)
    second = await wallet.history(ann, first.next_cursor, 4)

    amounts = [t.amounts[0].amount for t in first.transactions + second.transactions]
    assert amounts == [-5, -4, -3, -2, -1, 1000]
    assert second.next_cursor is None
