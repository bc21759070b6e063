"""My wallet: balances, history, transfers and conversions; top-ups, charges, refunds and setting rates (admins)."""

# Amounts are in the currency's minor units (cents for USD, whole coins for COIN); a currency is a WalletCurrency
# or its code.

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Unpack
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
from agora_sdk._options import CallOptions, MutationOptions
from agora_sdk._pagination import aiterate_pages, iterate_pages
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource


class WalletTransactions(SyncAPIResource):
    def list(
        self, *, cursor: str | None = None, limit: int | None = None, **per_call: Unpack[CallOptions]
    ) -> WalletTransactionPage:
        """One page of my ledger transactions, newest first; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_wallet_transactions_request(cursor=cursor, limit=limit)
        return self._client.request(options, WalletTransactionPage.from_dict, **per_call)

    def iter(self, *, page_size: int | None = None, **per_call: Unpack[CallOptions]) -> Iterator[WalletTransaction]:
        """All my ledger transactions, newest first, fetching pages of `page_size` as the iteration needs them."""
        return iterate_pages(lambda cursor: self.list(cursor=cursor, limit=page_size, **per_call))


class Rates(SyncAPIResource):
    def list(self, **per_call: Unpack[CallOptions]) -> RateList:
        """Every conversion rate in force, with when it expires."""
        return self._client.request(endpoints.list_rates_request(), RateList.from_dict, **per_call)

    def set(self, base: Currency, quote: Currency, *, rate: str, **per_call: Unpack[MutationOptions]) -> Rate:
        """Sets how many units of `quote` one unit of `base` buys, e.g. "0.9237", until it expires (admins only)."""
        return self._client.request(endpoints.set_rate_request(base, quote, rate=rate), Rate.from_dict, **per_call)


class Wallet(SyncAPIResource):
    transactions: WalletTransactions
    rates: Rates

    def __init__(self, client: SyncAPIClient) -> None:
        super().__init__(client)
        self.transactions = WalletTransactions(client)
        self.rates = Rates(client)

    def balances(self, **per_call: Unpack[CallOptions]) -> BalanceList:
        """My balance in every currency I hold."""
        return self._client.request(endpoints.get_balances_request(), BalanceList.from_dict, **per_call)

    def transfer(
        self, *, to_username: str, amount: int, currency: Currency, **per_call: Unpack[MutationOptions]
    ) -> WalletTransaction:
        """Sends money to another user; returns the transfer as I see it."""
        options = endpoints.transfer_request(to_username=to_username, amount=amount, currency=currency)
        return self._client.request(options, WalletTransaction.from_dict, **per_call)

    def convert(
        self, *, amount: int, currency: Currency, to_currency: Currency, **per_call: Unpack[MutationOptions]
    ) -> Conversion:
        """Moves money between two of my accounts at the current rate (rounded down to a minor unit)."""
        options = endpoints.convert_currency_request(amount=amount, currency=currency, to_currency=to_currency)
        return self._client.request(options, Conversion.from_dict, **per_call)

    def top_up(
        self, *, user_id: UUID | str, amount: int, currency: Currency, **per_call: Unpack[MutationOptions]
    ) -> WalletTransaction:
        """Adds money to a user's account (admins only); returns the top-up as the user sees it."""
        options = endpoints.top_up_request(user_id=user_id, amount=amount, currency=currency)
        return self._client.request(options, WalletTransaction.from_dict, **per_call)

    def charge(
        self,
        *,
        user_id: UUID | str,
        amount: int,
        currency: Currency,
        reference: str | None = None,
        **per_call: Unpack[MutationOptions],
    ) -> WalletTransaction:
        """Takes money from a user's account (admins only); `reference`, what it pays for, shows in their history."""
        options = endpoints.charge_request(user_id=user_id, amount=amount, currency=currency, reference=reference)
        return self._client.request(options, WalletTransaction.from_dict, **per_call)

    def refund(self, charge_id: UUID | str, **per_call: Unpack[MutationOptions]) -> WalletTransaction:
        """Gives a charge (the id of its transaction) back in full, once (admins only)."""
        return self._client.request(endpoints.refund_request(charge_id), WalletTransaction.from_dict, **per_call)


class AsyncWalletTransactions(AsyncAPIResource):
    async def list(
        self, *, cursor: str | None = None, limit: int | None = None, **per_call: Unpack[CallOptions]
    ) -> WalletTransactionPage:
        """One page of my ledger transactions, newest first; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_wallet_transactions_request(cursor=cursor, limit=limit)
        return await self._client.request(options, WalletTransactionPage.from_dict, **per_call)

    def iter(
        self, *, page_size: int | None = None, **per_call: Unpack[CallOptions]
    ) -> AsyncIterator[WalletTransaction]:
        """All my ledger transactions, newest first, fetching pages of `page_size` as the iteration needs them."""
        return aiterate_pages(lambda cursor: self.list(cursor=cursor, limit=page_size, **per_call))


class AsyncRates(AsyncAPIResource):
    async def list(self, **per_call: Unpack[CallOptions]) -> RateList:
        """Every conversion rate in force, with when it expires."""
        return await self._client.request(endpoints.list_rates_request(), RateList.from_dict, **per_call)

    async def set(self, base: Currency, quote: Currency, *, rate: str, **per_call: Unpack[MutationOptions]) -> Rate:
        """Sets how many units of `quote` one unit of `base` buys, e.g. "0.9237", until it expires (admins only)."""
        return await self._client.request(
            endpoints.set_rate_request(base, quote, rate=rate), Rate.from_dict, **per_call
        )


class AsyncWallet(AsyncAPIResource):
    transactions: AsyncWalletTransactions
    rates: AsyncRates

    def __init__(self, client: AsyncAPIClient) -> None:
        super().__init__(client)
        self.transactions = AsyncWalletTransactions(client)
        self.rates = AsyncRates(client)

    async def balances(self, **per_call: Unpack[CallOptions]) -> BalanceList:
        """My balance in every currency I hold."""
        return await self._client.request(endpoints.get_balances_request(), BalanceList.from_dict, **per_call)

    async def transfer(
        self, *, to_username: str, amount: int, currency: Currency, **per_call: Unpack[MutationOptions]
    ) -> WalletTransaction:
        """Sends money to another user; returns the transfer as I see it."""
        options = endpoints.transfer_request(to_username=to_username, amount=amount, currency=currency)
        return await self._client.request(options, WalletTransaction.from_dict, **per_call)

    async def convert(
        self, *, amount: int, currency: Currency, to_currency: Currency, **per_call: Unpack[MutationOptions]
    ) -> Conversion:
        """Moves money between two of my accounts at the current rate (rounded down to a minor unit)."""
        options = endpoints.convert_currency_request(amount=amount, currency=currency, to_currency=to_currency)
        return await self._client.request(options, Conversion.from_dict, **per_call)

    async def top_up(
        self, *, user_id: UUID | str, amount: int, currency: Currency, **per_call: Unpack[MutationOptions]
    ) -> WalletTransaction:
        """Adds money to a user's account (admins only); returns the top-up as the user sees it."""
        options = endpoints.top_up_request(user_id=user_id, amount=amount, currency=currency)
        return await self._client.request(options, WalletTransaction.from_dict, **per_call)

    async def charge(
        self,
        *,
        user_id: UUID | str,
        amount: int,
        currency: Currency,
        reference: str | None = None,
        **per_call: Unpack[MutationOptions],
    ) -> WalletTransaction:
        """Takes money from a user's account (admins only); `reference`, what it pays for, shows in their history."""
        options = endpoints.charge_request(user_id=user_id, amount=amount, currency=currency, reference=reference)
        return await self._client.request(options, WalletTransaction.from_dict, **per_call)

    async def refund(self, charge_id: UUID | str, **per_call: Unpack[MutationOptions]) -> WalletTransaction:
        """Gives a charge (the id of its transaction) back in full, once (admins only)."""
        return await self._client.request(endpoints.refund_request(charge_id), WalletTransaction.from_dict, **per_call)
