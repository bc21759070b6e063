"""A participant's side of the product-deletion saga (services/platform/product_deletions.py), on reviews' embedded
store: catalog's three messages, each safe to hear twice and in any order.

The helpers here (a fake clock, catalog's messages as a participant hears them, the outbox and ledger as
stored) are shared by the other product-deletion tests.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from google.protobuf.message import Message as ProtoMessage
from sqlalchemy import func, select

from agora.events.v1.catalog_pb2 import ProductDeletionCancelled, ProductDeletionCompleted, ProductDeletionRequested
from agora.events.v1.customers_pb2 import CustomersDroppedProduct
from agora.events.v1.reviews_pb2 import ReviewsDroppedProduct
from services.platform.context import Principal
from services.platform.db import Database
from services.platform.events import Event, to_message, unwrap, wrap
from services.platform.ids import uuid7
from services.platform.outbox import outbox
from services.platform.product_deletions import DeletionParticipant, DeletionStep, Outcome, deletion_ledger
from services.platform.settings import Settings
from services.reviews.adapters.orm import reviews as reviews_table
from services.reviews.adapters.unit_of_work import ReviewsUnitOfWork
from services.reviews.domain import ProductNotFound, PurchaseState, Rating, Review, ReviewNotFound
from services.reviews.service import open_reviews
from services.reviews.service_layer import ReviewsService

REVIEWS_DROPPED = "reviews.product_references_dropped"

# -- shared helpers -------------------------------------------------------------------------------------------


@dataclass
class FakeClock:
    """The time a service sees: a millisecond later at every look, so every write gets its own moment; tests
    move it past deadlines instead of waiting for them."""

    now: datetime = field(default_factory=lambda: datetime(2030, 1, 1, tzinfo=UTC))

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=1)
        return self.now

    def move_past(self, moment: datetime) -> None:
        self.now = max(self.now, moment) + timedelta(seconds=1)


@dataclass(frozen=True)
class Deletion:
    """One of catalog's product deletions as a participant hears it: each message handed to the participant's
    subscription handler, as the bus delivers it (so the dispatch on the event type is under test too)."""

    participant: DeletionParticipant
    product_id: uuid.UUID
    id: uuid.UUID = field(default_factory=uuid7)

    @property
    def step(self) -> DeletionStep:
        return DeletionStep(self.id, self.product_id)

    async def request(self) -> None:
        await self._deliver(ProductDeletionRequested(deletion_id=str(self.id), product_id=str(self.product_id)))

    async def cancel(self) -> None:
        await self._deliver(
            ProductDeletionCancelled(deletion_id=str(self.id), product_id=str(self.product_id), reason="too slow")
        )

    async def complete(self) -> None:
        await self._deliver(ProductDeletionCompleted(deletion_id=str(self.id), product_id=str(self.product_id)))

    async def _deliver(self, payload: ProtoMessage) -> None:
        handler = self.participant.subscription("test.product-deletions").handler
        await handler(to_message(wrap(payload, producer="catalog")))


async def outbox_events(database: Database) -> list[Event]:
    """The events the service's outbox holds (no relay runs in these tests), oldest first."""
    async with database.transaction() as session:
        rows = await session.execute(select(outbox.c.body).order_by(outbox.c.id))
        return [unwrap(row.body) for row in rows]


async def confirmations(database: Database, routing_key: str) -> list[DeletionStep]:
    """The participant's answers to catalog in its outbox, oldest first."""
    steps = []
    for event in await outbox_events(database):
        if event.envelope.type == routing_key:
            payload = event.payload
            assert isinstance(payload, ReviewsDroppedProduct | CustomersDroppedProduct)
            steps.append(DeletionStep(uuid.UUID(payload.deletion_id), uuid.UUID(payload.product_id)))
    return steps


async def ledger(database: Database) -> dict[uuid.UUID, Outcome]:
    """The participant's deletion ledger: every deletion it heard of and where it stands."""
    async with database.transaction() as session:
        rows = await session.execute(select(deletion_ledger.c.deletion_id, deletion_ledger.c.outcome))
        return {row.deletion_id: Outcome(row.outcome) for row in rows}


def customer() -> Principal:
    return Principal(user_id=str(uuid.uuid4()), role="customer")


# -- reviews as the participant -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reviews:
    service: ReviewsService
    participant: DeletionParticipant
    database: Database

    async def buyer(self, product_id: uuid.UUID) -> Principal:
        """A customer with a paid order of the product: one who may review it."""
        principal = customer()
        user_id = uuid.UUID(principal.user_id)
        await self.service.record_purchase(uuid.uuid4(), user_id, [product_id], PurchaseState.PAID)
        return principal

    async def review(self, product_id: uuid.UUID, rating: int = 5) -> Review:
        return await self.service.write_review(await self.buyer(product_id), product_id, rating, f"{rating} stars")

    async def shown(self, product_id: uuid.UUID) -> list[Review]:
        return (await self.service.list_reviews(product_id, None, 100)).reviews

    async def sneak_in(self, product_id: uuid.UUID) -> Review:
        """A review stored past the use case's check, as one committed while a deletion's request was handled."""
        now = datetime.now(UTC)
        review = Review(uuid7(), product_id, uuid.uuid4(), 4, "meanwhile", now, now)
        async with ReviewsUnitOfWork(self.database) as uow:
            stored = await uow.reviews.write(review)
            await uow.commit()
        return stored

    async def stored(self, product_id: uuid.UUID) -> int:
        """The product's reviews in the table, shown or set aside."""
        async with self.database.transaction() as session:
            statement = select(func.count()).where(reviews_table.c.product_id == product_id)
            return int((await session.execute(statement)).scalar_one())

    async def confirmations(self) -> list[DeletionStep]:
        return await confirmations(self.database, REVIEWS_DROPPED)


@pytest.fixture
async def reviews(settings: Settings) -> AsyncIterator[Reviews]:
    service, participant, database = await open_reviews(settings)
    yield Reviews(service, participant, database)
    await database.close()


@pytest.fixture
def lamp() -> uuid.UUID:
    return uuid7()


async def test_a_request_sets_the_products_reviews_aside_and_confirms_once(reviews: Reviews, lamp: uuid.UUID):
    author = await reviews.buyer(lamp)
    await reviews.service.write_review(author, lamp, 5, "bright")
    await reviews.review(lamp, 3)
    vase = uuid7()
    kept = await reviews.review(vase, 4)
    deletion = Deletion(reviews.participant, lamp)

    await deletion.request()

    assert await reviews.shown(lamp) == []
    assert await reviews.service.rating(lamp) == Rating(0, 0)
    with pytest.raises(ReviewNotFound):
        await reviews.service.my_review(author, lamp)
    assert await reviews.stored(lamp) == 2, "set aside, not deleted"
    assert await reviews.shown(vase) == [kept]
    assert await reviews.service.rating(vase) == Rating(1, 400)
    assert await reviews.confirmations() == [deletion.step]
    assert [event.envelope.producer for event in await outbox_events(reviews.database)] == ["reviews"]
    assert await ledger(reviews.database) == {deletion.id: Outcome.SET_ASIDE}


async def test_a_repeated_request_confirms_again_but_moves_nothing(reviews: Reviews, lamp: uuid.UUID):
    """A repeat is a redelivery: catalog may have lost the first answer, so it is answered again, but it must
    not act again (a review that appeared after the first request stays where it is)."""
    await reviews.review(lamp)
    deletion = Deletion(reviews.participant, lamp)
    await deletion.request()
    later = await reviews.sneak_in(lamp)

    await deletion.request()

    assert await reviews.shown(lamp) == [later]
    assert await reviews.confirmations() == [deletion.step, deletion.step]
    assert await ledger(reviews.database) == {deletion.id: Outcome.SET_ASIDE}


async def test_a_cancellation_puts_the_reviews_back_as_they_were(reviews: Reviews, lamp: uuid.UUID):
    await reviews.review(lamp, 5)
    await reviews.review(lamp, 2)
    before, rating = await reviews.shown(lamp), await reviews.service.rating(lamp)
    deletion = Deletion(reviews.participant, lamp)

    await deletion.request()
    await deletion.cancel()
    await deletion.cancel()  # a repeat changes nothing

    assert await reviews.shown(lamp) == before
    assert await reviews.service.rating(lamp) == rating == Rating(2, 350)
    assert await ledger(reviews.database) == {deletion.id: Outcome.CANCELLED}
    assert await reviews.confirmations() == [deletion.step]


async def test_completion_deletes_every_review_of_the_product_including_one_written_meanwhile(
    reviews: Reviews, lamp: uuid.UUID
):
    await reviews.review(lamp)
    await reviews.review(lamp)
    vase = uuid7()
    kept = await reviews.review(vase)
    deletion = Deletion(reviews.participant, lamp)
    await deletion.request()
    await reviews.sneak_in(lamp)

    await deletion.complete()
    await deletion.complete()  # a repeat changes nothing

    assert await reviews.stored(lamp) == 0
    assert await reviews.shown(vase) == [kept]
    assert await ledger(reviews.database) == {deletion.id: Outcome.COMPLETED}


async def test_a_cancellation_heard_before_its_request_makes_the_request_change_nothing(
    reviews: Reviews, lamp: uuid.UUID
):
    """The cancellation leaves a tombstone: the late request must neither hide the reviews nor confirm (catalog
    has given up on that deletion, and nothing would ever restore them)."""
    review = await reviews.review(lamp)
    deletion = Deletion(reviews.participant, lamp)

    await deletion.cancel()
    await deletion.request()

    assert await reviews.shown(lamp) == [review]
    assert await reviews.confirmations() == []
    assert await ledger(reviews.database) == {deletion.id: Outcome.CANCELLED}
    assert (await reviews.review(lamp, 1)).rating == 1, "the product still takes reviews"


async def test_a_completion_heard_before_its_request_makes_the_request_change_nothing(
    reviews: Reviews, lamp: uuid.UUID
):
    await reviews.review(lamp)
    deletion = Deletion(reviews.participant, lamp)

    await deletion.complete()
    await deletion.request()

    assert await reviews.stored(lamp) == 0
    assert await reviews.confirmations() == []
    assert await ledger(reviews.database) == {deletion.id: Outcome.COMPLETED}


async def test_a_late_cancellation_of_an_earlier_deletion_leaves_the_next_one_alone(reviews: Reviews, lamp: uuid.UUID):
    """Each deletion restores only what it set aside: a redelivered cancellation of the first (cancelled)
    deletion must not bring back the reviews the second one hid."""
    await reviews.review(lamp)
    first, second = Deletion(reviews.participant, lamp), Deletion(reviews.participant, lamp)
    await first.request()
    await first.cancel()
    await second.request()

    await first.cancel()

    assert await reviews.shown(lamp) == []
    assert await ledger(reviews.database) == {first.id: Outcome.CANCELLED, second.id: Outcome.SET_ASIDE}


async def test_writes_are_refused_while_set_aside_and_after_completion(reviews: Reviews, lamp: uuid.UUID):
    author, newcomer = await reviews.buyer(lamp), await reviews.buyer(lamp)
    written = await reviews.service.write_review(author, lamp, 4, "good")
    deletion = Deletion(reviews.participant, lamp)
    await deletion.request()

    for principal in (author, newcomer):  # an edit and a first review alike
        with pytest.raises(ProductNotFound):
            await reviews.service.write_review(principal, lamp, 1, "gone?")
    await deletion.cancel()
    assert await reviews.shown(lamp) == [written], "the refused edit changed nothing"

    second = Deletion(reviews.participant, lamp)
    await second.request()
    await second.complete()
    with pytest.raises(ProductNotFound):
        await reviews.service.write_review(author, lamp, 1, "gone")
    assert await reviews.stored(lamp) == 0


async def test_writes_are_allowed_again_after_a_cancellation(reviews: Reviews, lamp: uuid.UUID):
    author = await reviews.buyer(lamp)
    written = await reviews.service.write_review(author, lamp, 4, "good")
    deletion = Deletion(reviews.participant, lamp)
    await deletion.request()
    await deletion.cancel()

    edited = await reviews.service.write_review(author, lamp, 2, "worse")
    fresh = await reviews.review(lamp, 5)

    assert (edited.id, edited.rating) == (written.id, 2)
    assert set(await reviews.shown(lamp)) == {fresh, edited}
