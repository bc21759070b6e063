"""My cart and my favourite products."""

# A cart line is priced at the product's current price; a line whose product is not on sale (inactive or gone) is
# `available=False`, left out of the totals, and has no `unit_price` or `line_total` once the product is gone.

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Unpack

from agora_sdk import _endpoints as endpoints
from agora_sdk._base_client import AsyncAPIClient, SyncAPIClient
from agora_sdk._endpoints import ProductId
from agora_sdk._generated.models import Cart, Favourite, FavouritePage
from agora_sdk._options import CallOptions, MutationOptions
from agora_sdk._pagination import aiterate_pages, iterate_pages
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource


class ShoppingCart(SyncAPIResource):
    def get(self, **per_call: Unpack[CallOptions]) -> Cart:
        """My cart, each line at the product's current price, with one total per currency."""
        return self._client.request(endpoints.get_cart_request(), Cart.from_dict, **per_call)

    def set_item(self, product_id: ProductId, *, quantity: int, **per_call: Unpack[MutationOptions]) -> Cart:
        """Puts a product in my cart with this quantity (1 to 1000), replacing any quantity it had; returns the cart."""
        options = endpoints.set_cart_item_request(product_id, quantity=quantity)
        return self._client.request(options, Cart.from_dict, **per_call)

    def remove_item(self, product_id: ProductId, **per_call: Unpack[MutationOptions]) -> Cart:
        """Takes a product out of my cart (one that is not there changes nothing); returns the cart."""
        return self._client.request(endpoints.remove_cart_item_request(product_id), Cart.from_dict, **per_call)


class Favourites(SyncAPIResource):
    def list(
        self, *, cursor: str | None = None, limit: int | None = None, **per_call: Unpack[CallOptions]
    ) -> FavouritePage:
        """One page of my favourites, in product id order; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_favourites_request(cursor=cursor, limit=limit)
        return self._client.request(options, FavouritePage.from_dict, **per_call)

    def iter(self, *, page_size: int | None = None, **per_call: Unpack[CallOptions]) -> Iterator[Favourite]:
        """All my favourites, in product id order, fetching pages of `page_size` as the iteration needs them."""
        return iterate_pages(lambda cursor: self.list(cursor=cursor, limit=page_size, **per_call))

    def add(self, product_id: ProductId, **per_call: Unpack[MutationOptions]) -> Favourite:
        """Marks a product as a favourite; marking it again keeps the first `added_at`."""
        return self._client.request(endpoints.add_favourite_request(product_id), Favourite.from_dict, **per_call)

    def remove(self, product_id: ProductId, **per_call: Unpack[MutationOptions]) -> None:
        """Unmarks a favourite (one that is not marked changes nothing)."""
        self._client.request(endpoints.remove_favourite_request(product_id), None, **per_call)


class Customers(SyncAPIResource):
    cart: ShoppingCart
    favourites: Favourites

    def __init__(self, client: SyncAPIClient) -> None:
        super().__init__(client)
        self.cart = ShoppingCart(client)
        self.favourites = Favourites(client)


class AsyncShoppingCart(AsyncAPIResource):
    async def get(self, **per_call: Unpack[CallOptions]) -> Cart:
        """My cart, each line at the product's current price, with one total per currency."""
        return await self._client.request(endpoints.get_cart_request(), Cart.from_dict, **per_call)

    async def set_item(self, product_id: ProductId, *, quantity: int, **per_call: Unpack[MutationOptions]) -> Cart:
        """Puts a product in my cart with this quantity (1 to 1000), replacing any quantity it had; returns the cart."""
        options = endpoints.set_cart_item_request(product_id, quantity=quantity)
        return await self._client.request(options, Cart.from_dict, **per_call)

    async def remove_item(self, product_id: ProductId, **per_call: Unpack[MutationOptions]) -> Cart:
        """Takes a product out of my cart (one that is not there changes nothing); returns the cart."""
        return await self._client.request(endpoints.remove_cart_item_request(product_id), Cart.from_dict, **per_call)


class AsyncFavourites(AsyncAPIResource):
    async def list(
        self, *, cursor: str | None = None, limit: int | None = None, **per_call: Unpack[CallOptions]
    ) -> FavouritePage:
        """One page of my favourites, in product id order; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_favourites_request(cursor=cursor, limit=limit)
        return await self._client.request(options, FavouritePage.from_dict, **per_call)

    def iter(self, *, page_size: int | None = None, **per_call: Unpack[CallOptions]) -> AsyncIterator[Favourite]:
        """All my favourites, in product id order, fetching pages of `page_size` as the iteration needs them."""
        return aiterate_pages(lambda cursor: self.list(cursor=cursor, limit=page_size, **per_call))

    async def add(self, product_id: ProductId, **per_call: Unpack[MutationOptions]) -> Favourite:
        """Marks a product as a favourite; marking it again keeps the first `added_at`."""
        return await self._client.request(endpoints.add_favourite_request(product_id), Favourite.from_dict, **per_call)

    async def remove(self, product_id: ProductId, **per_call: Unpack[MutationOptions]) -> None:
        """Unmarks a favourite (one that is not marked changes nothing)."""
        await self._client.request(endpoints.remove_favourite_request(product_id), None, **per_call)


class AsyncCustomers(AsyncAPIResource):
    cart: AsyncShoppingCart
    favourites: AsyncFavourites

    def __init__(self, client: AsyncAPIClient) -> None:
        super().__init__(client)
        self.cart = AsyncShoppingCart(client)
        self.favourites = AsyncFavourites(client)
