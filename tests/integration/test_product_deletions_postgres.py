"""The product-deletion saga on real PostgreSQL, where its messages are handled in overlapping transactions:
catalog completes (or cancels) a deletion exactly once, and a participant acts on a request exactly once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import timedelta

import pytest

from agora.events.v1 import catalog_pb2
from services.catalog.adapters.cache import ProductCache
from services.catalog.adapters.unit_of_work import CatalogUnitOfWork
from services.catalog.domain import DeletionState, Price, Product, ProductDeletion, ProductStatus
from services.catalog.service import MIGRATIONS as CATALOG_MIGRATIONS
from services.catalog.service import NAME as CATALOG
from services.catalog.service_layer import CatalogService, DeletionRules, NewProduct
from services.customers.adapters.events import references_dropped
from services.customers.adapters.unit_of_work import CustomersUnitOfWork
from services.customers.service import MIGRATIONS as CUSTOMERS_MIGRATIONS
from services.customers.service import NAME as CUSTOMERS
from services.customers.service_layer import CustomersService
from services.platform.context import Principal
from services.platform.db import Database
from services.platform.events import Event
from services.platform.product_deletions import DeletionParticipant, DeletionStep, Outcome
from services.platform.runner import open_database
from services.platform.settings import Settings
from services.reviews.domain import PurchaseState
from services.reviews.service import open_reviews
from tests.unit.customers.fakes import FakeCatalog
from tests.unit.platform.test_product_deletions import (
    Deletion,
    FakeClock,
    confirmations,
    customer,
    ledger,
    outbox_events,
)

ADMIN = Principal(user_id=str(uuid.uuid4()), role="admin")
PARTICIPANTS = ("customers", "reviews")
RACERS = 8
USERS = 3


async def warm(database: Database) -> None:
    """Opens a connection for every racer now, so racing transactions overlap instead of queueing behind the
    opening of new connections."""
    async with AsyncExitStack() as connections:
        for _ in range(RACERS):
            await connections.enter_async_context(database.engine.connect())


# -- catalog ------------------------------------------------------------------------------------------------------


def subjects(event: Event) -> set[str]:
    """The deletion and product ids a catalog event is about (a creation is about none: no deletion yet)."""
    payload = event.payload
    if isinstance(payload, catalog_pb2.ProductChanged):
        return {payload.product.id}
    return {getattr(payload, name) for name in ("deletion_id", "product_id") if hasattr(payload, name)}


@dataclass(frozen=True)
class Catalog:
    service: CatalogService
    database: Database
    clock: FakeClock

    async def product(self) -> Product:
        new = NewProduct(f"Lamp {uuid.uuid4().hex[:6]}", "", "home", Price(1000, "EUR"), 5, ProductStatus.ACTIVE)
        return await self.service.create_product(ADMIN, new)

    async def events_of(self, deletion: ProductDeletion) -> list[str]:
        """The types of the outbox's events about the deletion or its product, oldest first."""
        ids = {str(deletion.id), str(deletion.product_id)}
        return [event.envelope.type for event in await outbox_events(self.database) if ids & subjects(event)]

    async def stored(self, product_id: uuid.UUID) -> Product | None:
        async with CatalogUnitOfWork(self.database) as uow:
            return await uow.products.get(product_id)


@pytest.fixture
async def catalog(postgres_settings: Settings) -> AsyncIterator[Catalog]:
    database = await open_database(postgres_settings, CATALOG, CATALOG_MIGRATIONS)
    await warm(database)
    clock = FakeClock()
    rules = DeletionRules(PARTICIPANTS, timedelta(seconds=30))
    yield Catalog(CatalogService(lambda: CatalogUnitOfWork(database), ProductCache(60), clock, rules), database, clock)
    await database.close()


async def test_confirmations_arriving_together_complete_the_deletion_exactly_once(catalog: Catalog):
    """Each participant's confirmation arrives twice at once (a redelivery racing the first delivery)."""
    for _ in range(3):
        lamp = await catalog.product()
        deletion = await catalog.service.deletions.start(ADMIN, lamp.id)

        await asyncio.gather(*(catalog.service.deletions.on_confirmed(deletion.id, name) for name in PARTICIPANTS * 2))

        done = await catalog.service.deletions.get(ADMIN, deletion.id)
        assert (done.state, done.confirmed_by) == (DeletionState.COMPLETED, frozenset(PARTICIPANTS))
        assert await catalog.events_of(deletion) == [
            "catalog.product_deletion_requested",
            "catalog.product_changed",
            "catalog.product_deletion_completed",
            "catalog.product_deleted",
        ]
        assert await catalog.stored(lamp.id) is None


async def test_deletions_started_together_are_one(catalog: Catalog):
    lamp = await catalog.product()

    started = await asyncio.gather(*(catalog.service.deletions.start(ADMIN, lamp.id) for _ in range(RACERS)))

    assert len({deletion.id for deletion in started}) == 1
    assert (await catalog.events_of(started[0])).count("catalog.product_deletion_requested") == 1


async def test_the_last_confirmation_racing_the_sweep_ends_the_deletion_once(catalog: Catalog):
    """Past the deadline, the last confirmation and the sweeper race: whichever locks the deletion first decides,
    and the other changes nothing."""
    for _ in range(3):
        lamp = await catalog.product()
        deletion = await catalog.service.deletions.start(ADMIN, lamp.id)
        await catalog.service.deletions.on_confirmed(deletion.id, "customers")
        assert deletion.deadline is not None
        catalog.clock.move_past(deletion.deadline)

        await asyncio.gather(
            catalog.service.deletions.on_confirmed(deletion.id, "reviews"), catalog.service.deletions.sweep()
        )

        ended = await catalog.service.deletions.get(ADMIN, deletion.id)
        events = await catalog.events_of(deletion)
        if ended.state is DeletionState.COMPLETED:
            assert events[2:] == ["catalog.product_deletion_completed", "catalog.product_deleted"]
            assert await catalog.stored(lamp.id) is None
        else:
            assert ended.state is DeletionState.CANCELLED
            assert events[2:] == ["catalog.product_deletion_cancelled", "catalog.product_changed"]
            assert (await catalog.service.get_product(lamp.id)).status is ProductStatus.ACTIVE


# -- participants -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Referrer:
    """A participant on PostgreSQL with references to one product, made by several users."""

    name: str
    participant: DeletionParticipant
    database: Database
    product_id: uuid.UUID
    shown: Callable[[], Awaitable[int]]
    """How many references to the product the users see."""

    def deletion(self) -> Deletion:
        return Deletion(self.participant, self.product_id)

    async def confirmations(self) -> list[DeletionStep]:
        return await confirmations(self.database, f"{self.name}.product_references_dropped")


async def reviews_referrer(settings: Settings) -> Referrer:
    service, participant, database = await open_reviews(settings)
    lamp = uuid.uuid4()
    for _ in range(USERS):
        buyer = customer()
        await service.record_purchase(uuid.uuid4(), uuid.UUID(buyer.user_id), [lamp], PurchaseState.PAID)
        await service.write_review(buyer, lamp, 4, "")

    async def shown() -> int:
        return len((await service.list_reviews(lamp, None, 100)).reviews)

    return Referrer("reviews", participant, database, lamp, shown)


async def customers_referrer(settings: Settings) -> Referrer:
    database = await open_database(settings, CUSTOMERS, CUSTOMERS_MIGRATIONS)
    catalog = FakeCatalog()
    service = CustomersService(lambda: CustomersUnitOfWork(database), catalog)
    lamp, users = catalog.add("lamp", 10), [customer() for _ in range(USERS)]
    for user in users:
        await service.set_cart_item(user, lamp, 2)
        await service.add_favourite(user, lamp)

    async def shown() -> int:
        lines = [line for user in users for line in (await service.get_cart(user)).lines]
        favourites = [f for user in users for f in (await service.list_favourites(user, None, 100)).favourites]
        return len(lines) + len(favourites)

    participant = DeletionParticipant(lambda: CustomersUnitOfWork(database), references_dropped)
    return Referrer("customers", participant, database, lamp, shown)


@pytest.fixture(params=["reviews", "customers"])
async def referrer(request: pytest.FixtureRequest, postgres_settings: Settings) -> AsyncIterator[Referrer]:
    referrer = await {"reviews": reviews_referrer, "customers": customers_referrer}[request.param](postgres_settings)
    await warm(referrer.database)
    yield referrer
    await referrer.database.close()


async def test_a_request_delivered_together_sets_aside_once_and_answers_every_delivery(referrer: Referrer):
    before = await referrer.shown()
    assert before >= USERS
    deletion = referrer.deletion()

    await asyncio.gather(*(deletion.request() for _ in range(RACERS)))

    assert await referrer.shown() == 0
    assert await ledger(referrer.database) == {deletion.id: Outcome.SET_ASIDE}
    assert await referrer.confirmations() == [deletion.step] * RACERS
    await deletion.cancel()
    assert await referrer.shown() == before


async def test_a_request_racing_its_cancellation_leaves_the_references_in_place(referrer: Referrer):
    """Whichever is handled first, the cancellation wins: the references are restored, or never moved."""
    before = await referrer.shown()
    deletion = referrer.deletion()

    await asyncio.gather(deletion.request(), deletion.cancel())

    assert await referrer.shown() == before
    assert await ledger(referrer.database) == {deletion.id: Outcome.CANCELLED}
    assert len(await referrer.confirmations()) <= 1
