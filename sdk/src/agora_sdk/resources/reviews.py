"""Reviews: a product's reviews and rating; mine, written once I bought the product, edited or withdrawn."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

from agora_sdk import _endpoints as endpoints
from agora_sdk._endpoints import ProductId
from agora_sdk._generated.models import ProductRating, Review, ReviewPage
from agora_sdk._pagination import aiterate_pages, iterate_pages
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource


class Reviews(SyncAPIResource):
    def list(self, product_id: ProductId, *, cursor: str | None = None, limit: int | None = None) -> ReviewPage:
        """One page of the product's reviews, newest first; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_product_reviews_request(product_id, cursor=cursor, limit=limit)
        return self._client.request(options, ReviewPage.from_dict)

    def iter(self, product_id: ProductId, *, page_size: int | None = None) -> Iterator[Review]:
        """All the product's reviews, newest first, fetching pages as the iteration needs them."""
        return iterate_pages(lambda cursor: self.list(product_id, cursor=cursor, limit=page_size))

    def rating(self, product_id: ProductId) -> ProductRating:
        """How many reviews the product has and their average (absent without reviews)."""
        return self._client.request(endpoints.get_product_rating_request(product_id), ProductRating.from_dict)

    def mine(self, product_id: ProductId) -> Review:
        """My review of the product (NotFoundError when I wrote none)."""
        return self._client.request(endpoints.get_my_review_request(product_id), Review.from_dict)

    def write(self, product_id: ProductId, *, rating: int, text: str | None = None) -> Review:
        """Reviews a product I bought (rating 1 to 5), or edits my review of it: one per person and product.

        PermissionDeniedError (`purchase_required`) unless I have a paid order of it.
        """
        options = endpoints.write_my_review_request(product_id, rating=rating, text=text)
        return self._client.request(options, Review.from_dict)

    def withdraw(self, product_id: ProductId) -> None:
        """Deletes my review of the product (withdrawing none changes nothing)."""
        self._client.request(endpoints.delete_my_review_request(product_id), None)


class AsyncReviews(AsyncAPIResource):
    async def list(self, product_id: ProductId, *, cursor: str | None = None, limit: int | None = None) -> ReviewPage:
        """One page of the product's reviews, newest first; pass a page's `next_cursor` as `cursor` for the next."""
        options = endpoints.list_product_reviews_request(product_id, cursor=cursor, limit=limit)
        return await self._client.request(options, ReviewPage.from_dict)

    def iter(self, product_id: ProductId, *, page_size: int | None = None) -> AsyncIterator[Review]:
        """All the product's reviews, newest first, fetching pages as the iteration needs them."""
        return aiterate_pages(lambda cursor: self.list(product_id, cursor=cursor, limit=page_size))

    async def rating(self, product_id: ProductId) -> ProductRating:
        """How many reviews the product has and their average (absent without reviews)."""
        return await self._client.request(endpoints.get_product_rating_request(product_id), ProductRating.from_dict)

    async def mine(self, product_id: ProductId) -> Review:
        """My review of the product (NotFoundError when I wrote none)."""
        return await self._client.request(endpoints.get_my_review_request(product_id), Review.from_dict)

    async def write(self, product_id: ProductId, *, rating: int, text: str | None = None) -> Review:
        """Reviews a product I bought (rating 1 to 5), or edits my review of it: one per person and product.

        PermissionDeniedError (`purchase_required`) unless I have a paid order of it.
        """
        options = endpoints.write_my_review_request(product_id, rating=rating, text=text)
        return await self._client.request(options, Review.from_dict)

    async def withdraw(self, product_id: ProductId) -> None:
        """Deletes my review of the product (withdrawing none changes nothing)."""
        await self._client.request(endpoints.delete_my_review_request(product_id), None)
