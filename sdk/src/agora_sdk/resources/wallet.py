"""My wallet: balances, history, transfers and conversions; top-ups, charges, refunds and setting rates (admins)."""

# Amounts are in the currency's minor units (cents for USD, whole coins for COIN); a currency is a WalletCurrency
# or its code.

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from uuid import UUID

from agora_sdk import _endpoints as endpoints
from agora_sdk._base_client import AsyncAPIClient, SyncAPIClient
from agora_sdk._endpoints import Currency
from agora_sdk._generated.models import (
    BalanceList,
    Conversion,
    Rate,
    RateList,
    WalletTransaction,
    WalletTransactionPage,
)
from agora_sdk._pagination import aiterate_pages, iterate_pages
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource


class WalletTransactions(SyncAPIResource):
    def list(self, *, cursor: str | None = None, limit: int | None = None) -> WalletTransactionPage:
        """One page of my ledger transactions, newest first; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_wallet_transactions_request(cursor=cursor, limit=limit)
        return self._client.request(options, WalletTransactionPage.from_dict)

    def iter(self, *, page_size: int | None = None) -> Iterator[WalletTransaction]:
        """All my ledger transactions, newest first, fetching pages of `page_size` as the iteration needs them."""
        return iterate_pages(lambda cursor: self.list(cursor=cursor, limit=page_size))


class Rates(SyncAPIResource):
    def list(self) -> RateList:
        """Every conversion rate in force, with when it expires."""
        return self._client.request(endpoints.list_rates_request(), RateList.from_dict)

    def set(self, base: Currency, quote: Currency, *, rate: str) -> Rate:
        """Sets how many units of `quote` one unit of `base` buys, e.g. "0.9237", until it expires (admins only)."""
        return self._client.request(endpoints.set_rate_request(base, quote, rate=rate), Rate.from_dict)


class Wallet(SyncAPIResource):
    transactions: WalletTransactions
    rates: Rates

    def __init__(self, client: SyncAPIClient) -> None:
        super().__init__(client)
        self.transactions = WalletTransactions(client)
        self.rates = Rates(client)

    def balances(self) -> BalanceList:
        """My balance in every currency I hold."""
        return self._client.request(endpoints.get_balances_request(), BalanceList.from_dict)

    def transfer(self, *, to_username: str, amount: int, currency: Currency) -> WalletTransaction:
        """Sends money to another user; returns the transfer as I see it."""
        options = endpoints.transfer_request(to_username=to_username, amount=amount, currency=currency)
        return self._client.request(options, WalletTransaction.from_dict)

    def convert(self, *, amount: int, currency: Currency, to_currency: Currency) -> Conversion:
        """Moves money between two of my accounts at the current rate (rounded down to a minor unit)."""
        options = endpoints.convert_currency_request(amount=amount, currency=currency, to_currency=to_currency)
        return self._client.request(options, Conversion.from_dict)

    def top_up(self, *, user_id: UUID | str, amount: int, currency: Currency) -> WalletTransaction:
        """Adds money to a user's account (admins only); returns the top-up as the user sees it."""
        options = endpoints.top_up_request(user_id=user_id, amount=amount, currency=currency)
        return self._client.request(options, WalletTransaction.from_dict)

    def charge(
        self, *, user_id: UUID | str, amount: int, currency: Currency, reference: str | None = None
    ) -> WalletTransaction:
        """Takes money from a user's account (admins only); `reference`, what it pays for, shows in their history."""
        options = endpoints.charge_request(user_id=user_id, amount=amount, currency=currency, reference=reference)
        return self._client.request(options, WalletTransaction.from_dict)

    def refund(self, charge_id: UUID | str) -> WalletTransaction:
        """Gives a charge (the id of its transaction) back in full, once (admins only)."""
        return self._client.request(endpoints.refund_request(charge_id), WalletTransaction.from_dict)


class AsyncWalletTransactions(AsyncAPIResource):
    async def list(self, *, cursor: str | None = None, limit: int | None = None) -> WalletTransactionPage:
        """One page of my ledger transactions, newest first; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_wallet_transactions_request(cursor=cursor, limit=limit)
        return await self._client.request(options, WalletTransactionPage.from_dict)

    def iter(self, *, page_size: int | None = None) -> AsyncIterator[WalletTransaction]:
        """All my ledger transactions, newest first, fetching pages of `page_size` as the iteration needs them."""
        return aiterate_pages(lambda cursor: self.list(cursor=cursor, limit=page_size))


class AsyncRates(AsyncAPIResource):
    async def list(self) -> RateList:
        """Every conversion rate in force, with when it expires."""
        return await self._client.request(endpoints.list_rates_request(), RateList.from_dict)

    async def set(self, base: Currency, quote: Currency, *, rate: str) -> Rate:
        """Sets how many units of `quote` one unit of `base` buys, e.g. "0.9237", until it expires (admins only)."""
        return await self._client.request(endpoints.set_rate_request(base, quote, rate=rate), Rate.from_dict)


class AsyncWallet(AsyncAPIResource):
    transactions: AsyncWalletTransactions
    rates: AsyncRates

    def __init__(self, client: AsyncAPIClient) -> None:
        super().__init__(client)
        self.transactions = AsyncWalletTransactions(client)
        self.rates = AsyncRates(client)

    async def balances(self) -> BalanceList:
        """My balance in every currency I hold."""
        return await self._client.request(endpoints.get_balances_request(), BalanceList.from_dict)

    async def transfer(self, *, to_username: str, amount: int, currency: Currency) -> WalletTransaction:
        """Sends money to another user; returns the transfer as I see it."""
        options = endpoints.transfer_request(to_username=to_username, amount=amount, currency=currency)
        return await self._client.request(options, WalletTransaction.from_dict)

    async def convert(self, *, amount: int, currency: Currency, to_currency: Currency) -> Conversion:
        """Moves money between two of my accounts at the current rate (rounded down to a minor unit)."""
        options = endpoints.convert_currency_request(amount=amount, currency=currency, to_currency=to_currency)
        return await self._client.request(options, Conversion.from_dict)

    async def top_up(self, *, user_id: UUID | str, amount: int, currency: Currency) -> WalletTransaction:
        """Adds money to a user's account (admins only); returns the top-up as the user sees it."""
        options = endpoints.top_up_request(user_id=user_id, amount=amount, currency=currency)
        return await self._client.request(options, WalletTransaction.from_dict)

    async def charge(
        self, *, user_id: UUID | str, amount: int, currency: Currency, reference: str | None = None
    ) -> WalletTransaction:
        """Takes money from a user's account (admins only); `reference`, what it pays for, shows in their history."""
        options = endpoints.charge_request(user_id=user_id, amount=amount, currency=currency, reference=reference)
        return await self._client.request(options, WalletTransaction.from_dict)

    async def refund(self, charge_id: UUID | str) -> WalletTransaction:
        """Gives a charge (the id of its transaction) back in full, once (admins only)."""
        return await self._client.request(endpoints.refund_request(charge_id), WalletTransaction.from_dict)
