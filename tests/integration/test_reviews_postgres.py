"""reviews' batch reads on real PostgreSQL: many products' first pages (a window query) and ratings at once."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from services.platform.context import Principal
from services.platform.settings import Settings
from services.reviews.domain import PurchaseState
from services.reviews.service import open_reviews
from services.reviews.service_layer import ReviewsService


@pytest.fixture
async def reviews(postgres_settings: Settings) -> AsyncIterator[ReviewsService]:
    service, _deletions, database = await open_reviews(postgres_settings)
    yield service
    await database.close()


async def test_first_pages_and_ratings_of_many_products_match_their_one_by_one_reads(reviews: ReviewsService):
    products = [uuid.uuid4() for _ in range(3)]
    buyers = [Principal(user_id=str(uuid.uuid4()), role="customer") for _ in range(4)]
    for number, buyer in enumerate(buyers):
        bought = products[: 1 + number % 3]  # the first product has four reviews, the second two, the third one
        await reviews.record_purchase(uuid.uuid4(), uuid.UUID(buyer.user_id), bought, PurchaseState.PAID)
        for product_id in bought:
            await reviews.write_review(buyer, product_id, 1 + number, f"review {number}")
    unreviewed = uuid.uuid4()
    asked = [*products, unreviewed]

    pages = await reviews.first_pages(asked, 2)
    ratings = await reviews.ratings(asked)

    for product_id, page, rating in zip(asked, pages, ratings, strict=True):
        alone = await reviews.list_reviews(product_id, None, 2)
        assert [r.id for r in page.reviews] == [r.id for r in alone.reviews]
        assert page.next_cursor == alone.next_cursor
        assert rating == await reviews.rating(product_id)
    assert [len(page.reviews) for page in pages] == [2, 2, 1, 0]
    assert [rating.count for rating in ratings] == [4, 2, 1, 0]
