"""The public clients: `Agora` (blocking) and `AsyncAgora` (asyncio), with the API's resources as attributes."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from agora_sdk._base_client import AsyncAPIClient, SyncAPIClient
from agora_sdk.resources.catalog import AsyncCatalog, Catalog
from agora_sdk.resources.credit import AsyncCredit, Credit
from agora_sdk.resources.customers import AsyncCustomers, Customers
from agora_sdk.resources.identity import AsyncIdentity, Identity
from agora_sdk.resources.merch import AsyncMerch, Merch
from agora_sdk.resources.notifications import AsyncNotifications, Notifications
from agora_sdk.resources.orders import AsyncOrders, Orders
from agora_sdk.resources.reviews import AsyncReviews, Reviews
from agora_sdk.resources.wallet import AsyncWallet, Wallet

if TYPE_CHECKING:  # the GraphQL client's models are pydantic's: imported when first used, not with the SDK
    from agora_sdk._generated_graphql.async_client import AsyncGraphQLClient
    from agora_sdk._generated_graphql.client import GraphQLClient


class Agora(SyncAPIClient):
    """A blocking client of the Agora API.

    Keyword arguments: `base_url` (default: $AGORA_BASE_URL, else http://127.0.0.1:8080); `access_token` (default:
    $AGORA_ACCESS_TOKEN) and `refresh_token` to start from a token pair (`identity.login` sets both); `timeout` in
    seconds or an `httpx.Timeout`; `max_retries` (default 2) for connection errors, timeouts, 408/429/502/503/504 and
    a keyed call's 500; `initial_retry_delay` and `max_retry_delay` for the exponential backoff; `http_client`, an
    `httpx.Client` to send through (it stays open on `close()`). `with_options` copies it with other defaults.
    """

    @cached_property
    def identity(self) -> Identity:
        return Identity(self)

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog(self)

    @cached_property
    def wallet(self) -> Wallet:
        return Wallet(self)

    @cached_property
    def customers(self) -> Customers:
        return Customers(self)

    @cached_property
    def orders(self) -> Orders:
        return Orders(self)

    @cached_property
    def reviews(self) -> Reviews:
        return Reviews(self)

    @cached_property
    def notifications(self) -> Notifications:
        return Notifications(self)

    @cached_property
    def credit(self) -> Credit:
        return Credit(self)

    @cached_property
    def merch(self) -> Merch:
        """The merch shop (contracts/rest/merch.yaml): `auth`, `info`, `send_coin` and `buy`."""
        return Merch(self)

    @cached_property
    def graphql(self) -> GraphQLClient:
        """The GraphQL surface: a typed method per operation in sdk/graphql/, and `execute` for any document."""
        from agora_sdk._generated_graphql.client import GraphQLClient

        return GraphQLClient(self)


class AsyncAgora(AsyncAPIClient):
    """An asyncio client of the Agora API; it takes the same arguments as `Agora`, with an `httpx.AsyncClient`."""

    @cached_property
    def identity(self) -> AsyncIdentity:
        return AsyncIdentity(self)

    @cached_property
    def catalog(self) -> AsyncCatalog:
        return AsyncCatalog(self)

    @cached_property
    def wallet(self) -> AsyncWallet:
        return AsyncWallet(self)

    @cached_property
    def customers(self) -> AsyncCustomers:
        return AsyncCustomers(self)

    @cached_property
    def orders(self) -> AsyncOrders:
        return AsyncOrders(self)

    @cached_property
    def reviews(self) -> AsyncReviews:
        return AsyncReviews(self)

    @cached_property
    def notifications(self) -> AsyncNotifications:
        return AsyncNotifications(self)

    @cached_property
    def credit(self) -> AsyncCredit:
        return AsyncCredit(self)

    @cached_property
    def merch(self) -> AsyncMerch:
        """The merch shop (contracts/rest/merch.yaml): `auth`, `info`, `send_coin` and `buy`."""
        return AsyncMerch(self)

    @cached_property
    def graphql(self) -> AsyncGraphQLClient:
        """The GraphQL surface: a typed method per operation in sdk/graphql/ (subscriptions as async iterators),
        and `execute` for any document."""
        from agora_sdk._generated_graphql.async_client import AsyncGraphQLClient

        return AsyncGraphQLClient(self)
