"""wallet's use cases: open accounts, move money between them (each move one balanced ledger transaction), read.

WalletService is the one face the entry points and tests see; each group of use cases lives in a module of its
own, and this class only wires them together over one unit of work, rate book and clock.
"""

from __future__ import annotations

from collections.abc import Callable

from services.platform.clock import Clock, utc_now
from services.wallet.accounts import Accounts
from services.wallet.adapters.rates import RateBook
from services.wallet.adapters.unit_of_work import WalletUnitOfWork
from services.wallet.bookkeeping import Bookkeeper
from services.wallet.exchange import Exchange
from services.wallet.idempotency import IdempotencyKeys
from services.wallet.loan_payments import LoanPayments
from services.wallet.order_payments import OrderPayments
from services.wallet.platform_payments import PlatformPayments
from services.wallet.transaction_runner import TransactionRunner
from services.wallet.user_payments import UserPayments


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
        transactions = TransactionRunner(unit_of_work, single_writer=single_writer)
        keys = IdempotencyKeys(transactions, clock)
        bookkeeper = Bookkeeper(clock)

        accounts = Accounts(unit_of_work, transactions, bookkeeper)
        self.open_accounts = accounts.open_accounts
        self.balances = accounts.balances
        self.history = accounts.history
        self.merch_summary = accounts.merch_summary

        user_payments = UserPayments(keys, bookkeeper)
        self.transfer = user_payments.transfer
        self.purchase = user_payments.purchase

        platform_payments = PlatformPayments(transactions, keys, bookkeeper)
        self.top_up = platform_payments.top_up
        self.charge = platform_payments.charge
        self.refund = platform_payments.refund

        order_payments = OrderPayments(transactions, platform_payments, clock)
        self.charge_order = order_payments.charge_order
        self.refund_order = order_payments.refund_order

        loan_payments = LoanPayments(transactions, keys, bookkeeper)
        self.disburse_loan = loan_payments.disburse_loan
        self.collect_instalment = loan_payments.collect_instalment

        exchange = Exchange(rates, unit_of_work, keys, bookkeeper)
        self.convert = exchange.convert
        self.set_rate = exchange.set_rate
        self.rates_in_force = exchange.rates_in_force
        self.load_rates = exchange.load_rates
