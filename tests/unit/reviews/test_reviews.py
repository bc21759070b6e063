"""reviews on the embedded store, with purchases heard from orders' status changes through the real consumer on
the in-process bus: who may review, one editable review per person and product, pages, ratings, withdrawal."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace

import pytest

from agora.events.v1.orders_pb2 import OrderItem, OrderStatusChanged
from services.platform.bus import Bus, Message
from services.platform.context import Principal
from services.platform.cursors import InvalidCursor
from services.platform.errors import (
    AgoraError,
    InvalidArgument,
    Unauthenticated,
    grpc_status_of,
    http_status_of,
)
from services.platform.events import to_message, wrap
from services.platform.ids import uuid7
from services.platform.settings import Settings
from services.reviews.adapters.unit_of_work import ReviewsUnitOfWork
from services.reviews.domain import MAX_TEXT, InvalidReview, PurchaseRequired, Rating, Review, ReviewNotFound
from services.reviews.entrypoints.consumer import subscriptions
from services.reviews.service import open_reviews
from services.reviews.service_layer import ReviewsService
from tests.unit.platform.test_product_deletions import FakeClock, customer

ANN, BOB = customer(), customer()
HANDLED_WITHIN = 5.0


def http_status(error: AgoraError) -> int:
    return http_status_of(grpc_status_of(error))


class Orders:
    """orders' side, played by the test: publishes status changes on the bus and waits until reviews' consumer
    has handled each (a handler's failure is raised here rather than retried)."""

    def __init__(self, bus: Bus) -> None:
        self.bus = bus
        self._handled: dict[str, asyncio.Future[None]] = {}

    async def connect(self, service: ReviewsService) -> None:
        for subscription in subscriptions(service, "test"):
            await self.bus.subscribe(replace(subscription, handler=self._tracked(subscription.handler), max_attempts=1))

    async def publish(self, change: OrderStatusChanged) -> None:
        envelope = wrap(change, producer="orders")
        handled = self._outcome(envelope.event_id)
        await self.bus.publish([to_message(envelope)])
        await asyncio.wait_for(handled, HANDLED_WITHIN)

    def _outcome(self, event_id: str) -> asyncio.Future[None]:
        return self._handled.setdefault(event_id, asyncio.get_running_loop().create_future())

    def _tracked(self, handler: Callable[[Message], Awaitable[None]]) -> Callable[[Message], Awaitable[None]]:
        async def tracked(message: Message) -> None:
            outcome = self._outcome(message.message_id)
            try:
                await handler(message)
            except Exception as error:
                outcome.set_exception(error)
                raise
            outcome.set_result(None)

        return tracked


@dataclass(frozen=True)
class Order:
    orders: Orders
    id: uuid.UUID
    buyer: Principal
    products: tuple[uuid.UUID, ...]

    async def becomes(self, *statuses: str) -> None:
        """orders announces each status in turn (the consumer may hear them in any order: tests pick one)."""
        items = [OrderItem(product_id=str(product_id), quantity=1) for product_id in self.products]
        for status in statuses:
            await self.orders.publish(
                OrderStatusChanged(order_id=str(self.id), user_id=self.buyer.user_id, status=status, items=items)
            )


@dataclass(frozen=True)
class Shop:
    service: ReviewsService
    orders: Orders
    clock: FakeClock

    def order(self, buyer: Principal, *products: uuid.UUID) -> Order:
        return Order(self.orders, uuid.uuid4(), buyer, products)

    async def buyer(self, product_id: uuid.UUID) -> Principal:
        """A new customer whose order of the product is paid."""
        principal = customer()
        await self.order(principal, product_id).becomes("PAID")
        return principal

    async def review(self, product_id: uuid.UUID, rating: int = 5, text: str = "") -> Review:
        return await self.service.write_review(await self.buyer(product_id), product_id, rating, text)

    async def shown(self, product_id: uuid.UUID) -> list[Review]:
        return (await self.service.list_reviews(product_id, None, 100)).reviews

    async def refused(self, buyer: Principal, product_id: uuid.UUID) -> bool:
        """Whether the buyer's review of the product is refused for want of a purchase."""
        try:
            await self.service.write_review(buyer, product_id, 5, "")
        except PurchaseRequired:
            return True
        return False


@pytest.fixture
async def shop(settings: Settings, bus: Bus) -> AsyncIterator[Shop]:
    _, _, database = await open_reviews(settings)
    clock = FakeClock()
    service = ReviewsService(lambda: ReviewsUnitOfWork(database), clock)
    orders = Orders(bus)
    await orders.connect(service)
    yield Shop(service, orders, clock)
    await bus.close()  # no handler outlives the database
    await database.close()


@pytest.fixture
def lamp() -> uuid.UUID:
    return uuid7()


# -- who may review -----------------------------------------------------------------------------------------


async def test_without_a_paid_order_a_review_is_refused_with_403(shop: Shop, lamp: uuid.UUID):
    order = shop.order(ANN, lamp)
    await order.becomes("PENDING", "RESERVED")  # placed, not paid

    with pytest.raises(PurchaseRequired) as refusal:
        await shop.service.write_review(ANN, lamp, 5, "looks nice")

    assert (http_status(refusal.value), refusal.value.code) == (403, "purchase_required")
    assert await shop.shown(lamp) == []


async def test_a_paid_order_makes_its_buyer_a_reviewer(shop: Shop, lamp: uuid.UUID):
    await shop.order(ANN, lamp).becomes("PENDING", "RESERVED", "PAID")

    review = await shop.service.write_review(ANN, lamp, 5, "bright")

    now = shop.clock.now
    assert review == Review(review.id, lamp, uuid.UUID(ANN.user_id), 5, "bright", created_at=now, updated_at=now)
    assert await shop.shown(lamp) == [review]


@pytest.mark.parametrize("status", ["SHIPPED", "DELIVERED"])
async def test_a_later_status_alone_counts_as_paid(shop: Shop, lamp: uuid.UUID, status: str):
    """The PAID event may be lost or overtaken: a shipped or delivered order was paid all the same."""
    await shop.order(ANN, lamp).becomes(status)

    assert not await shop.refused(ANN, lamp)


@pytest.mark.parametrize("status", ["CANCELLING", "CANCELLED", "COMPENSATION_FAILED"])
async def test_a_cancellation_takes_the_right_to_review_away(shop: Shop, lamp: uuid.UUID, status: str):
    order = shop.order(ANN, lamp)
    await order.becomes("PAID")
    await order.becomes(status)

    assert await shop.refused(ANN, lamp)


async def test_a_cancellation_heard_before_the_payment_still_wins(shop: Shop, lamp: uuid.UUID):
    """Events overtake one another: an order never becomes paid again once cancelled, so a PAID (or DELIVERED)
    heard after the cancellation is old news."""
    await shop.order(ANN, lamp).becomes("CANCELLED", "PAID", "DELIVERED")

    assert await shop.refused(ANN, lamp)


async def test_another_paid_order_of_the_product_keeps_the_right(shop: Shop, lamp: uuid.UUID):
    await shop.order(ANN, lamp).becomes("PAID", "CANCELLED")
    await shop.order(ANN, lamp).becomes("PAID")

    assert not await shop.refused(ANN, lamp)


async def test_the_right_is_the_buyers_own_and_for_what_they_bought(shop: Shop, lamp: uuid.UUID):
    vase, cup = uuid7(), uuid7()
    await shop.order(ANN, lamp, vase).becomes("PAID")

    assert not await shop.refused(ANN, lamp)
    assert not await shop.refused(ANN, vase)
    assert await shop.refused(ANN, cup)
    assert await shop.refused(BOB, lamp)


async def test_a_status_heard_twice_changes_nothing(shop: Shop, lamp: uuid.UUID):
    order = shop.order(ANN, lamp)
    await order.becomes("PAID", "PAID")
    assert not await shop.refused(ANN, lamp)

    await order.becomes("CANCELLED", "CANCELLED", "PAID")
    assert await shop.refused(ANN, lamp)


async def test_anonymous_callers_cannot_write_read_their_own_or_withdraw(shop: Shop, lamp: uuid.UUID):
    calls: list[Callable[[], Awaitable[object]]] = [
        lambda: shop.service.write_review(None, lamp, 5, ""),
        lambda: shop.service.my_review(None, lamp),
        lambda: shop.service.delete_review(None, lamp),
    ]
    for call in calls:
        with pytest.raises(Unauthenticated):
            await call()


# -- one review per person and product ----------------------------------------------------------------------


async def test_writing_again_edits_the_one_review(shop: Shop, lamp: uuid.UUID):
    await shop.order(ANN, lamp).becomes("PAID")
    first = await shop.service.write_review(ANN, lamp, 5, "great")

    edited = await shop.service.write_review(ANN, lamp, 3, "fine, dims after a month")

    assert (edited.id, edited.created_at) == (first.id, first.created_at)
    assert (edited.rating, edited.text) == (3, "fine, dims after a month")
    assert edited.updated_at == shop.clock.now > first.updated_at == first.created_at
    assert await shop.shown(lamp) == [edited]
    assert await shop.service.my_review(ANN, lamp) == edited
    assert await shop.service.rating(lamp) == Rating(1, 300)


async def test_each_buyer_has_their_own_review(shop: Shop, lamp: uuid.UUID):
    for buyer in (ANN, BOB):
        await shop.order(buyer, lamp).becomes("PAID")
    ann = await shop.service.write_review(ANN, lamp, 5, "")
    bob = await shop.service.write_review(BOB, lamp, 1, "")

    assert ann.id != bob.id
    assert await shop.service.my_review(ANN, lamp) == ann
    assert await shop.service.my_review(BOB, lamp) == bob
    with pytest.raises(ReviewNotFound):
        await shop.service.my_review(customer(), lamp)


@pytest.mark.parametrize(
    ("rating", "text"),
    [(0, "none"), (6, "too many"), (-1, ""), (3, "x" * (MAX_TEXT + 1)), (3, "nul\x00byte")],
    ids=["zero", "six", "negative", "text-too-long", "nul"],
)
async def test_an_invalid_review_is_refused_and_nothing_is_stored(shop: Shop, lamp: uuid.UUID, rating: int, text: str):
    await shop.order(ANN, lamp).becomes("PAID")

    with pytest.raises(InvalidReview) as refusal:
        await shop.service.write_review(ANN, lamp, rating, text)

    assert http_status(refusal.value) == 422
    with pytest.raises(ReviewNotFound):
        await shop.service.my_review(ANN, lamp)
    assert await shop.service.rating(lamp) == Rating(0, 0)


async def test_an_invalid_edit_leaves_the_review_as_it_was(shop: Shop, lamp: uuid.UUID):
    await shop.order(ANN, lamp).becomes("PAID")
    review = await shop.service.write_review(ANN, lamp, 4, "good")

    with pytest.raises(InvalidReview):
        await shop.service.write_review(ANN, lamp, 6, "better than good")

    assert await shop.service.my_review(ANN, lamp) == review


async def test_the_limits_themselves_are_allowed(shop: Shop, lamp: uuid.UUID):
    await shop.order(ANN, lamp).becomes("PAID")

    assert (await shop.service.write_review(ANN, lamp, 1, "x" * MAX_TEXT)).text == "x" * MAX_TEXT
    assert (await shop.service.write_review(ANN, lamp, 5, "")).rating == 5


# -- pages ----------------------------------------------------------------------------------------------------


async def written_one_by_one(shop: Shop, product_id: uuid.UUID, count: int) -> list[Review]:
    """Reviews by `count` buyers, oldest first.

    A review's id is a UUIDv7, whose order is only the millisecond's: two writes in one millisecond have none.
    The writes here are kept apart by more than that, so newest first is a definite order to check.
    """
    written = []
    for _ in range(count):
        await asyncio.sleep(0.002)
        written.append(await shop.review(product_id, 3))
    return written


async def all_pages(shop: Shop, product_id: uuid.UUID, limit: int) -> list[list[Review]]:
    pages, cursor = [], None
    while True:
        page = await shop.service.list_reviews(product_id, cursor, limit)
        pages.append(page.reviews)
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


@pytest.mark.parametrize(("count", "sizes"), [(7, [3, 3, 1]), (6, [3, 3]), (0, [0])])
async def test_reviews_come_newest_first_a_page_at_a_time_without_repeats(
    shop: Shop, lamp: uuid.UUID, count: int, sizes: list[int]
):
    written = await written_one_by_one(shop, lamp, count)
    await shop.review(uuid7())  # another product's review is on none of the pages

    pages = await all_pages(shop, lamp, 3)

    assert [len(page) for page in pages] == sizes
    assert [review for page in pages for review in page] == written[::-1]


async def test_an_edit_does_not_move_a_review(shop: Shop, lamp: uuid.UUID):
    await shop.order(ANN, lamp).becomes("PAID")
    await shop.service.write_review(ANN, lamp, 5, "first")
    later = await written_one_by_one(shop, lamp, 2)

    edited = await shop.service.write_review(ANN, lamp, 2, "edited last")

    assert await shop.shown(lamp) == [*later[::-1], edited]


async def test_a_page_limit_past_the_maximum_or_a_foreign_cursor_is_refused(shop: Shop, lamp: uuid.UUID):
    with pytest.raises(InvalidArgument):
        await shop.service.list_reviews(lamp, None, 101)
    with pytest.raises(InvalidCursor):
        await shop.service.list_reviews(lamp, "not a cursor!", 10)


# -- ratings --------------------------------------------------------------------------------------------------


async def test_the_rating_counts_the_reviews_and_averages_them_in_hundredths(shop: Shop, lamp: uuid.UUID):
    assert await shop.service.rating(lamp) == Rating(0, 0)
    for rating in (5, 4, 4):
        await shop.review(lamp, rating)

    assert await shop.service.rating(lamp) == Rating(3, 433)


@pytest.mark.parametrize(
    ("ratings", "hundredths"),
    [([5, 4, 4], 433), ([1, 2, 2], 167), ([4, 5], 450), ([5, 5, 5, 5, 5, 4, 2, 2], 413), ([3], 300)],
    ids=["4.333", "1.667", "4.5", "4.125-half-up", "3"],
)
def test_the_average_is_rounded_half_up(ratings: list[int], hundredths: int):
    assert Rating.of(len(ratings), sum(ratings)) == Rating(len(ratings), hundredths)


# -- withdrawal -----------------------------------------------------------------------------------------------


async def test_a_withdrawn_review_is_gone_and_may_be_written_anew(shop: Shop, lamp: uuid.UUID):
    for buyer in (ANN, BOB):
        await shop.order(buyer, lamp).becomes("PAID")
    withdrawn = await shop.service.write_review(ANN, lamp, 1, "meh")
    kept = await shop.service.write_review(BOB, lamp, 5, "great")

    await shop.service.delete_review(ANN, lamp)
    await shop.service.delete_review(ANN, lamp)  # withdrawing none is not an error

    with pytest.raises(ReviewNotFound):
        await shop.service.my_review(ANN, lamp)
    assert await shop.shown(lamp) == [kept]
    assert await shop.service.rating(lamp) == Rating(1, 500)
    again = await shop.service.write_review(ANN, lamp, 4, "second thoughts")
    assert again.id != withdrawn.id
    assert again.created_at > withdrawn.created_at
