"""Reviews: a product's reviews and rating; mine, written once I bought the product, edited or withdrawn."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Unpack

from agora_sdk import _endpoints as endpoints
from agora_sdk._endpoints import ProductId
from agora_sdk._generated.models import ProductRating, Review, ReviewPage
from agora_sdk._options import CallOptions, MutationOptions
from agora_sdk._pagination import aiterate_pages, iterate_pages
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource


class Reviews(SyncAPIResource):
    def list(
        self,
        product_id: ProductId,
        *,
        cursor: str | None = None,
        limit: int | None = None,
        **per_call: Unpack[CallOptions],
    ) -> ReviewPage:
        """One page of the product's reviews, newest first; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_product_reviews_request(product_id, cursor=cursor, limit=limit)
        return self._client.request(options, ReviewPage.from_dict, **per_call)

    def iter(
        self, product_id: ProductId, *, page_size: int | None = None, **per_call: Unpack[CallOptions]
    ) -> Iterator[Review]:
        """All the product's reviews, newest first, fetching pages as the iteration needs them."""
        return iterate_pages(lambda cursor: self.list(product_id, cursor=cursor, limit=page_size, **per_call))

    def rating(self, product_id: ProductId, **per_call: Unpack[CallOptions]) -> ProductRating:
        """How many reviews the product has and their average (absent without reviews)."""
        return self._client.request(
            endpoints.get_product_rating_request(product_id), ProductRating.from_dict, **per_call
        )

    def mine(self, product_id: ProductId, **per_call: Unpack[CallOptions]) -> Review:
        """My review of the product (NotFoundError when I wrote none)."""
        return self._client.request(endpoints.get_my_review_request(product_id), Review.from_dict, **per_call)

    def write(
        self, product_id: ProductId, *, rating: int, text: str | None = None, **per_call: Unpack[MutationOptions]
    ) -> Review:
        """Reviews a product I bought (rating 1 to 5), or edits my review of it: one per person and product.

        PermissionDeniedError (`purchase_required`) unless I have a paid order of it.
        """
        options = endpoints.write_my_review_request(product_id, rating=rating, text=text)
        return self._client.request(options, Review.from_dict, **per_call)

    def withdraw(self, product_id: ProductId, **per_call: Unpack[MutationOptions]) -> None:
        """Deletes my review of the product (withdrawing none changes nothing)."""
        self._client.request(endpoints.delete_my_review_request(product_id), None, **per_call)


class AsyncReviews(AsyncAPIResource):
    async def list(
        self,
        product_id: ProductId,
        *,
        cursor: str | None = None,
        limit: int | None = None,
        **per_call: Unpack[CallOptions],
    ) -> ReviewPage:
        """One page of the product's reviews, newest first; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_product_reviews_request(product_id, cursor=cursor, limit=limit)
        return await self._client.request(options, ReviewPage.from_dict, **per_call)

    def iter(
        self, product_id: ProductId, *, page_size: int | None = None, **per_call: Unpack[CallOptions]
    ) -> AsyncIterator[Review]:
        """All the product's reviews, newest first, fetching pages as the iteration needs them."""
        return aiterate_pages(lambda cursor: self.list(product_id, cursor=cursor, limit=page_size, **per_call))

    async def rating(self, product_id: ProductId, **per_call: Unpack[CallOptions]) -> ProductRating:
        """How many reviews the product has and their average (absent without reviews)."""
        return await self._client.request(
            endpoints.get_product_rating_request(product_id), ProductRating.from_dict, **per_call
        )

    async def mine(self, product_id: ProductId, **per_call: Unpack[CallOptions]) -> Review:
        """My review of the product (NotFoundError when I wrote none)."""
        return await self._client.request(endpoints.get_my_review_request(product_id), Review.from_dict, **per_call)

    async def write(
        self, product_id: ProductId, *, rating: int, text: str | None = None, **per_call: Unpack[MutationOptions]
    ) -> Review:
        """Reviews a product I bought (rating 1 to 5), or edits my review of it: one per person and product.

        PermissionDeniedError (`purchase_required`) unless I have a paid order of it.
        """
        options = endpoints.write_my_review_request(product_id, rating=rating, text=text)
        return await self._client.request(options, Review.from_dict, **per_call)

    async def withdraw(self, product_id: ProductId, **per_call: Unpack[MutationOptions]) -> None:
        """Deletes my review of the product (withdrawing none changes nothing)."""
        await self._client.request(endpoints.delete_my_review_request(product_id), None, **per_call)
