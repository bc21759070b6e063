"""Currency exchange: the conversion rates in force, and converting between a user's own accounts at them."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from services.platform.context import Principal
from services.platform.errors import InvalidArgument
from services.wallet.adapters.orm import system_account_id
from services.wallet.adapters.rates import Rate, RateBook
from services.wallet.adapters.unit_of_work import WalletUnitOfWork
from services.wallet.bookkeeping import Bookkeeper, funded, seen_by_user
from services.wallet.domain import (
    AdminRequired,
    Money,
    Posting,
    RateUnavailable,
    SameCurrency,
    SystemAccount,
    Transaction,
    TransactionKind,
    checked_amount,
    checked_currency,
    converted,
    parse_rate,
)
from services.wallet.idempotency import IdempotencyKeys, fingerprint
from services.wallet.principals import user_of


@dataclass(frozen=True)
class Conversion:
    transaction: Transaction
    rate: str


class Exchange:
    def __init__(
        self,
        rates: RateBook,
        unit_of_work: Callable[[], WalletUnitOfWork],
        keys: IdempotencyKeys,
        bookkeeper: Bookkeeper,
    ) -> None:
        self.rates = rates
        self.unit_of_work = unit_of_work
        self.keys = keys
        self.bookkeeper = bookkeeper

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
            source = funded(locked.get((user_id, amount.currency)), amount)
            target = locked[(user_id, to_currency)]
            conversion = await self.bookkeeper.record(
                uow,
                TransactionKind.CONVERSION,
                user_id,
                amount,
                [
                    Posting(source.id, -amount.amount, amount.currency),
                    Posting(system_account_id(SystemAccount.EXCHANGE, amount.currency), amount.amount, amount.currency),
                    Posting(system_account_id(SystemAccount.EXCHANGE, to_currency), -result.amount, to_currency),
                    Posting(target.id, result.amount, to_currency),
                ],
                {source.id: user_id, target.id: user_id},
                rate=format(rate.value, "f"),
            )
            return seen_by_user(conversion, credited=result)

        # The rate is part of the request: a retry after the rate changed is a different request.
        request = fingerprint("convert", amount.amount, amount.currency, to_currency, rate.value)
        transaction = await self.keys.post_once(user_id, key, request, post)
        async with self.unit_of_work() as uow:
            applied = await uow.ledger.conversion_rate(transaction.id)
        return Conversion(transaction, applied)

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
