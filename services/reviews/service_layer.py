"""reviews' use cases: read a product's reviews and rating; buyers write, edit and withdraw their own."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from services.platform.clock import Clock, utc_now
from services.platform.context import Principal
from services.platform.cursors import decode_cursor, encode_cursor, page_size
from services.platform.errors import Unauthenticated
from services.platform.ids import uuid7
from services.reviews.adapters.unit_of_work import ReviewsUnitOfWork
from services.reviews.domain import (
    ProductNotFound,
    PurchaseRequired,
    PurchaseState,
    Rating,
    Review,
    ReviewNotFound,
    check_review,
)


@dataclass(frozen=True)
class Page:
    reviews: list[Review]
    next_cursor: str | None


def user_of(principal: Principal | None) -> uuid.UUID:
    if principal is None:
        raise Unauthenticated("reviews are written by a signed-in user")
    return uuid.UUID(principal.user_id)


class ReviewsService:
    def __init__(self, unit_of_work: Callable[[], ReviewsUnitOfWork], clock: Clock = utc_now) -> None:
        self.unit_of_work = unit_of_work
        self.clock = clock

    async def list_reviews(self, product_id: uuid.UUID, cursor: str | None, limit: int) -> Page:
        """Newest first by creation: an edit does not move a review, so pages never repeat or skip one."""
        size = page_size(limit)
        before = decode_cursor(cursor) if cursor else None
        async with self.unit_of_work() as uow:
            found = await uow.reviews.page(product_id, before, size + 1)
        page = found[:size]
        return Page(page, encode_cursor(page[-1].id) if len(found) > size else None)

    async def first_pages(self, product_ids: Sequence[uuid.UUID], limit: int) -> list[Page]:
        """The first page of each product's reviews, as `list_reviews` gives it, in one read (a product page asks
        for one product: its plain page read is cheaper than the windowed one)."""
        if len(product_ids) == 1:
            return [await self.list_reviews(product_ids[0], None, limit)]
        size = page_size(limit)
        async with self.unit_of_work() as uow:
            found = await uow.reviews.first_pages(product_ids, size + 1)
        pages = []
        for product_id in product_ids:
            reviews = found.get(product_id, [])
            page = reviews[:size]
            pages.append(Page(page, encode_cursor(page[-1].id) if len(reviews) > size else None))
        return pages

    async def ratings(self, product_ids: Sequence[uuid.UUID]) -> list[Rating]:
        if len(product_ids) == 1:
            return [await self.rating(product_ids[0])]
        async with self.unit_of_work() as uow:
            found = await uow.reviews.ratings(product_ids)
        return [found.get(product_id, Rating.of(0, 0)) for product_id in product_ids]

    async def rating(self, product_id: uuid.UUID) -> Rating:
        async with self.unit_of_work() as uow:
            return await uow.reviews.rating(product_id)

    async def my_review(self, principal: Principal | None, product_id: uuid.UUID) -> Review:
        author_id = user_of(principal)
        async with self.unit_of_work() as uow:
            review = await uow.reviews.mine(product_id, author_id)
        if review is None:
            raise ReviewNotFound(f"no review of {product_id} by you")
        return review

    async def write_review(self, principal: Principal | None, product_id: uuid.UUID, rating: int, text: str) -> Review:
        """Creates the caller's review of a product they bought, or edits it: one per person and product."""
        author_id = user_of(principal)
        check_review(rating, text)
        now = self.clock()
        async with self.unit_of_work() as uow:
            if await uow.deletions.is_being_deleted(product_id):
                raise ProductNotFound(f"no product {product_id}")
            if not await uow.purchases.has_bought(author_id, product_id):
                raise PurchaseRequired("only buyers of a product (with a paid order of it) may review it")
            review = await uow.reviews.write(Review(uuid7(), product_id, author_id, rating, text, now, now))
            await uow.commit()
        return review

    async def delete_review(self, principal: Principal | None, product_id: uuid.UUID) -> None:
        """Withdraws the caller's review; withdrawing none is not an error."""
        author_id = user_of(principal)
        async with self.unit_of_work() as uow:
            await uow.reviews.remove(product_id, author_id)
            await uow.commit()

    async def record_purchase(
        self, order_id: uuid.UUID, user_id: uuid.UUID, product_ids: Sequence[uuid.UUID], state: PurchaseState
    ) -> None:
        """From orders' status changes: who bought what (and which orders were undone). Safe to repeat."""
        async with self.unit_of_work() as uow:
            await uow.purchases.record(order_id, user_id, product_ids, state)
            await uow.commit()
