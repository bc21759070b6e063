"""Products: list a page or iterate them all, get, create, update and delete (writes are admin-only)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Unpack

from agora_sdk import _endpoints as endpoints
from agora_sdk._endpoints import DeletionId, ProductId
from agora_sdk._generated.models import Price, Product, ProductDeletion, ProductPage, ProductStatus
from agora_sdk._options import CallOptions, MutationOptions
from agora_sdk._pagination import aiterate_pages, iterate_pages
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource


class Products(SyncAPIResource):
    def list(
        self,
        *,
        category: str | None = None,
        cursor: str | None = None,
        limit: int | None = None,
        **per_call: Unpack[CallOptions],
    ) -> ProductPage:
        """One page of active products, oldest first; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_products_request(category=category, cursor=cursor, limit=limit)
        return self._client.request(options, ProductPage.from_dict, **per_call)

    def iter(
        self, *, category: str | None = None, page_size: int | None = None, **per_call: Unpack[CallOptions]
    ) -> Iterator[Product]:
        """Every active product, fetching pages of `page_size` as the iteration needs them."""
        return iterate_pages(lambda cursor: self.list(category=category, cursor=cursor, limit=page_size, **per_call))

    def get(self, product_id: ProductId, **per_call: Unpack[CallOptions]) -> Product:
        """One product, active or inactive; a product being deleted is not found."""
        return self._client.request(endpoints.get_product_request(product_id), Product.from_dict, **per_call)

    def create(
        self,
        *,
        name: str,
        category: str,
        price: Price,
        description: str | None = None,
        stock: int | None = None,
        status: ProductStatus | str | None = None,
        **per_call: Unpack[MutationOptions],
    ) -> Product:
        """Adds a product (admins only)."""
        options = endpoints.create_product_request(
            name=name, category=category, price=price, description=description, stock=stock, status=status
        )
        return self._client.request(options, Product.from_dict, **per_call)

    def update(
        self,
        product_id: ProductId,
        *,
        name: str | None = None,
        description: str | None = None,
        category: str | None = None,
        price: Price | None = None,
        stock: int | None = None,
        status: ProductStatus | str | None = None,
        **per_call: Unpack[MutationOptions],
    ) -> Product:
        """Changes the fields given (admins only); fields left as None stay as they are."""
        options = endpoints.update_product_request(
            product_id, name=name, description=description, category=category, price=price, stock=stock, status=status
        )
        return self._client.request(options, Product.from_dict, **per_call)

    def delete(self, product_id: ProductId, **per_call: Unpack[MutationOptions]) -> ProductDeletion:
        """Starts removing a product (admins only): it is hidden at once, then carts, favourites and reviews drop
        it; follow the returned deletion with `deletion(deletion.id)` until it is `completed` (or `cancelled`)."""
        return self._client.request(endpoints.delete_product_request(product_id), ProductDeletion.from_dict, **per_call)

    def deletion(self, deletion_id: DeletionId, **per_call: Unpack[CallOptions]) -> ProductDeletion:
        """A product deletion and how far it went (admins only)."""
        return self._client.request(
            endpoints.get_product_deletion_request(deletion_id), ProductDeletion.from_dict, **per_call
        )


class AsyncProducts(AsyncAPIResource):
    async def list(
        self,
        *,
        category: str | None = None,
        cursor: str | None = None,
        limit: int | None = None,
        **per_call: Unpack[CallOptions],
    ) -> ProductPage:
        """One page of active products, oldest first; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_products_request(category=category, cursor=cursor, limit=limit)
        return await self._client.request(options, ProductPage.from_dict, **per_call)

    def iter(
        self, *, category: str | None = None, page_size: int | None = None, **per_call: Unpack[CallOptions]
    ) -> AsyncIterator[Product]:
        """Every active product, fetching pages of `page_size` as the iteration needs them."""
        return aiterate_pages(lambda cursor: self.list(category=category, cursor=cursor, limit=page_size, **per_call))

    async def get(self, product_id: ProductId, **per_call: Unpack[CallOptions]) -> Product:
        """One product, active or inactive; a product being deleted is not found."""
        return await self._client.request(endpoints.get_product_request(product_id), Product.from_dict, **per_call)

    async def create(
        self,
        *,
        name: str,
        category: str,
        price: Price,
        description: str | None = None,
        stock: int | None = None,
        status: ProductStatus | str | None = None,
        **per_call: Unpack[MutationOptions],
    ) -> Product:
        """Adds a product (admins only)."""
        options = endpoints.create_product_request(
            name=name, category=category, price=price, description=description, stock=stock, status=status
        )
        return await self._client.request(options, Product.from_dict, **per_call)

    async def update(
        self,
        product_id: ProductId,
        *,
        name: str | None = None,
        description: str | None = None,
        category: str | None = None,
        price: Price | None = None,
        stock: int | None = None,
        status: ProductStatus | str | None = None,
        **per_call: Unpack[MutationOptions],
    ) -> Product:
        """Changes the fields given (admins only); fields left as None stay as they are."""
        options = endpoints.update_product_request(
            product_id, name=name, description=description, category=category, price=price, stock=stock, status=status
        )
        return await self._client.request(options, Product.from_dict, **per_call)

    async def delete(self, product_id: ProductId, **per_call: Unpack[MutationOptions]) -> ProductDeletion:
        """Starts removing a product (admins only): it is hidden at once, then carts, favourites and reviews drop
        it; follow the returned deletion with `deletion(deletion.id)` until it is `completed` (or `cancelled`)."""
        return await self._client.request(
            endpoints.delete_product_request(product_id), ProductDeletion.from_dict, **per_call
        )

    async def deletion(self, deletion_id: DeletionId, **per_call: Unpack[CallOptions]) -> ProductDeletion:
        """A product deletion and how far it went (admins only)."""
        options = endpoints.get_product_deletion_request(deletion_id)
        return await self._client.request(options, ProductDeletion.from_dict, **per_call)
