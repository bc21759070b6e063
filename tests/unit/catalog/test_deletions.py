"""catalog runs the product-deletion saga, on the embedded store: hide the product and ask the participants,
count their confirmations, then remove it, or put it back when a participant does not confirm in time."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import timedelta

import pytest

from agora.catalog.v1 import catalog_pb2 as catalog_messages
from agora.events.v1 import catalog_pb2
from services.catalog.adapters.cache import ProductCache
from services.catalog.adapters.unit_of_work import CatalogUnitOfWork
from services.catalog.deletions import ProductDeletions
from services.catalog.domain import (
    AdminRequired,
    DeletionNotFound,
    DeletionState,
    HoldState,
    Price,
    Product,
    ProductBeingDeleted,
    ProductChanges,
    ProductDeletion,
    ProductNotFound,
    ProductStatus,
    RequestedItem,
)
from services.catalog.service import open_catalog
from services.catalog.service_layer import CatalogService, DeletionRules, NewProduct
from services.platform.context import Principal
from services.platform.db import Database
from services.platform.errors import grpc_status_of, http_status_of
from services.platform.events import Event
from services.platform.settings import Settings
from tests.unit.platform.test_product_deletions import FakeClock, customer, outbox_events

ADMIN = Principal(user_id=str(uuid.uuid4()), role="admin")
PARTICIPANTS = ("customers", "reviews")
TIMEOUT = timedelta(seconds=30)

REQUESTED = "catalog.product_deletion_requested"
COMPLETED = "catalog.product_deletion_completed"
CANCELLED = "catalog.product_deletion_cancelled"
CHANGED = "catalog.product_changed"
DELETED = "catalog.product_deleted"


@dataclass
class Catalog:
    service: CatalogService
    database: Database
    clock: FakeClock
    _events_seen: int = field(default=0)

    @property
    def deletions(self) -> ProductDeletions:
        return self.service.deletions

    async def product(self, name: str = "Lamp", status: ProductStatus = ProductStatus.ACTIVE) -> Product:
        new = NewProduct(name, "", "home", Price(1000, "EUR"), 5, status)
        return await self.service.create_product(ADMIN, new)

    async def stored(self, product_id: uuid.UUID) -> Product | None:
        """The product's row, whatever its status (None once removed)."""
        async with CatalogUnitOfWork(self.database) as uow:
            return await uow.products.get(product_id)

    async def listed(self) -> set[uuid.UUID]:
        return {product.id for product in (await self.service.list_products("home", None, 100)).products}

    async def new_events(self) -> list[Event]:
        """The outbox's events written since the last look (products' creation included)."""
        events = await outbox_events(self.database)
        fresh, self._events_seen = events[self._events_seen :], len(events)
        return fresh

    async def confirm_all(self, deletion: ProductDeletion) -> ProductDeletion:
        for participant in deletion.participants:
            await self.deletions.on_confirmed(deletion.id, participant)
        return await self.current(deletion)

    async def current(self, deletion: ProductDeletion) -> ProductDeletion:
        return await self.deletions.get(ADMIN, deletion.id)

    async def sweep_after(self, deletion: ProductDeletion) -> int:
        """Sweeps once the deletion's deadline has passed."""
        assert deletion.deadline is not None
        self.clock.move_past(deletion.deadline)
        return await self.deletions.sweep()


@pytest.fixture
async def catalog(settings: Settings) -> AsyncIterator[Catalog]:
    """catalog with both participants, a clock the tests move, and a read cache that would keep a stale product
    for a minute (so every step must drop what it changed)."""
    _, database = await open_catalog(settings)
    clock = FakeClock()
    service = CatalogService(
        lambda: CatalogUnitOfWork(database), ProductCache(60), clock, DeletionRules(PARTICIPANTS, TIMEOUT)
    )
    yield Catalog(service, database, clock)
    await database.close()


def types(events: list[Event]) -> list[str]:
    return [event.envelope.type for event in events]


def changed_status(event: Event) -> int:
    assert isinstance(event.payload, catalog_pb2.ProductChanged)
    return event.payload.product.status


def step_ids(event: Event) -> tuple[str, str]:
    payload = event.payload
    assert isinstance(
        payload,
        catalog_pb2.ProductDeletionRequested
        | catalog_pb2.ProductDeletionCompleted
        | catalog_pb2.ProductDeletionCancelled,
    )
    return payload.deletion_id, payload.product_id


# -- start --------------------------------------------------------------------------------------------------------


async def test_start_hides_the_product_and_asks_every_participant(catalog: Catalog):
    lamp = await catalog.product()
    await catalog.service.get_product(lamp.id)  # now in the read cache
    await catalog.new_events()

    deletion = await catalog.deletions.start(ADMIN, lamp.id)

    now = catalog.clock.now
    pending = DeletionState.PENDING
    assert deletion == ProductDeletion(
        deletion.id, lamp.id, ProductStatus.ACTIVE, pending, "", PARTICIPANTS, frozenset(), now + TIMEOUT, now, now
    )
    assert deletion.waiting_for == PARTICIPANTS
    assert await catalog.current(deletion) == deletion
    assert (await catalog.stored(lamp.id)).status is ProductStatus.DELETING  # type: ignore[union-attr]
    with pytest.raises(ProductNotFound):
        await catalog.service.get_product(lamp.id)
    assert lamp.id not in await catalog.listed()
    requested, changed = events = await catalog.new_events()
    assert types(events) == [REQUESTED, CHANGED]
    assert step_ids(requested) == (str(deletion.id), str(lamp.id))
    assert changed_status(changed) == catalog_messages.PRODUCT_STATUS_DELETING


async def test_a_product_being_deleted_cannot_be_changed_or_reserved(catalog: Catalog):
    lamp = await catalog.product()
    await catalog.deletions.start(ADMIN, lamp.id)

    with pytest.raises(ProductBeingDeleted) as refusal:
        await catalog.service.update_product(ADMIN, lamp.id, ProductChanges(status=ProductStatus.ACTIVE))
    hold = await catalog.service.holds.reserve(uuid.uuid4(), [RequestedItem(str(lamp.id), 1)])

    assert http_status_of(grpc_status_of(refusal.value)) == 409
    assert hold.state is HoldState.REJECTED
    assert (await catalog.service.holds.position(lamp.id)).stock == 5


@pytest.mark.parametrize("principal", [customer(), None], ids=["customer", "anonymous"])
async def test_only_admins_delete_and_follow_deletions(catalog: Catalog, principal: Principal | None):
    lamp = await catalog.product()
    await catalog.new_events()

    with pytest.raises(AdminRequired):
        await catalog.deletions.start(principal, lamp.id)

    assert (await catalog.service.get_product(lamp.id)).status is ProductStatus.ACTIVE
    assert await catalog.new_events() == []
    deletion = await catalog.deletions.start(ADMIN, lamp.id)
    with pytest.raises(AdminRequired):
        await catalog.deletions.get(principal, deletion.id)


async def test_deleting_again_while_pending_returns_the_same_deletion(catalog: Catalog):
    lamp = await catalog.product()
    first = await catalog.deletions.start(ADMIN, lamp.id)
    await catalog.new_events()

    again = await catalog.deletions.start(ADMIN, lamp.id)

    assert again == first
    assert await catalog.new_events() == []


async def test_an_unknown_product_cannot_be_deleted_and_an_unknown_deletion_is_not_found(catalog: Catalog):
    lamp = await catalog.product()

    with pytest.raises(ProductNotFound):
        await catalog.deletions.start(ADMIN, uuid.uuid4())
    with pytest.raises(DeletionNotFound):
        await catalog.deletions.get(ADMIN, lamp.id)


# -- confirmations -------------------------------------------------------------------------------------------------


async def test_the_last_confirmation_removes_the_product(catalog: Catalog):
    lamp = await catalog.product()
    deletion = await catalog.deletions.start(ADMIN, lamp.id)
    with pytest.raises(ProductNotFound):
        await catalog.service.get_product(lamp.id)  # read, and cached, while deleting
    await catalog.new_events()

    await catalog.deletions.on_confirmed(deletion.id, "customers")
    halfway = await catalog.current(deletion)
    assert halfway == replace(deletion, confirmed_by=frozenset({"customers"}), updated_at=catalog.clock.now)
    assert halfway.waiting_for == ("reviews",)
    assert (await catalog.stored(lamp.id)).status is ProductStatus.DELETING  # type: ignore[union-attr]
    assert await catalog.new_events() == []

    await catalog.deletions.on_confirmed(deletion.id, "reviews")
    done = await catalog.current(deletion)
    assert done == replace(
        halfway,
        state=DeletionState.COMPLETED,
        confirmed_by=frozenset(PARTICIPANTS),
        deadline=None,
        updated_at=catalog.clock.now,
    )
    assert await catalog.stored(lamp.id) is None
    with pytest.raises(ProductNotFound):
        await catalog.service.get_product(lamp.id)
    completed, deleted = events = await catalog.new_events()
    assert types(events) == [COMPLETED, DELETED]
    assert step_ids(completed) == (str(deletion.id), str(lamp.id))
    assert isinstance(deleted.payload, catalog_pb2.ProductDeleted)
    assert deleted.payload.product_id == str(lamp.id)


async def test_a_removed_product_cannot_be_deleted_or_changed_again(catalog: Catalog):
    lamp = await catalog.product()
    await catalog.confirm_all(await catalog.deletions.start(ADMIN, lamp.id))

    with pytest.raises(ProductNotFound):
        await catalog.deletions.start(ADMIN, lamp.id)
    with pytest.raises(ProductNotFound):
        await catalog.service.update_product(ADMIN, lamp.id, ProductChanges(stock=1))


@pytest.mark.parametrize("confirmation", ["repeated", "unknown participant", "unknown deletion"])
async def test_a_confirmation_that_is_not_awaited_changes_nothing(catalog: Catalog, confirmation: str):
    lamp = await catalog.product()
    deletion = await catalog.deletions.start(ADMIN, lamp.id)
    await catalog.deletions.on_confirmed(deletion.id, "customers")
    before = await catalog.current(deletion)
    await catalog.new_events()

    deletion_id, participant = {
        "repeated": (deletion.id, "customers"),
        "unknown participant": (deletion.id, "wallet"),
        "unknown deletion": (uuid.uuid4(), "reviews"),
    }[confirmation]
    await catalog.deletions.on_confirmed(deletion_id, participant)

    assert await catalog.current(deletion) == before
    assert await catalog.new_events() == []


async def test_confirmations_arriving_together_both_count(catalog: Catalog):
    lamp = await catalog.product()
    deletion = await catalog.deletions.start(ADMIN, lamp.id)
    await catalog.new_events()

    await asyncio.gather(*(catalog.deletions.on_confirmed(deletion.id, name) for name in PARTICIPANTS))

    assert (await catalog.current(deletion)).state is DeletionState.COMPLETED
    assert types(await catalog.new_events()) == [COMPLETED, DELETED]
    assert await catalog.stored(lamp.id) is None


async def test_a_product_some_order_held_is_kept_as_deleted_and_shown_nowhere(catalog: Catalog):
    """stock_hold_lines point at the product: its row stays (status deleted) so old orders' lines still do, while
    a product no order held is removed outright."""
    lamp, vase = await catalog.product("Lamp"), await catalog.product("Vase")
    order = uuid.uuid4()
    assert (await catalog.service.holds.reserve(order, [RequestedItem(str(lamp.id), 2)])).state is HoldState.RESERVED
    await catalog.service.holds.release(order)
    await catalog.new_events()

    for product in (lamp, vase):
        assert (await catalog.confirm_all(await catalog.deletions.start(ADMIN, product.id))).state is (
            DeletionState.COMPLETED
        )

    kept = await catalog.stored(lamp.id)
    assert kept is not None
    assert kept.status is ProductStatus.DELETED
    assert await catalog.stored(vase.id) is None
    assert await catalog.listed() == set()
    for product in (lamp, vase):
        with pytest.raises(ProductNotFound):
            await catalog.service.get_product(product.id)
        with pytest.raises(ProductNotFound):
            await catalog.deletions.start(ADMIN, product.id)
        with pytest.raises(ProductNotFound):
            await catalog.service.update_product(ADMIN, product.id, ProductChanges(stock=1))
    assert types(await catalog.new_events()) == [REQUESTED, CHANGED, COMPLETED, DELETED] * 2
    assert (await catalog.service.holds.reserve(uuid.uuid4(), [RequestedItem(str(lamp.id), 1)])).state is (
        HoldState.REJECTED
    )


async def test_without_participants_a_deletion_completes_at_once(catalog: Catalog):
    alone = CatalogService(lambda: CatalogUnitOfWork(catalog.database), ProductCache(60), catalog.clock)
    lamp = await catalog.product()
    await catalog.new_events()

    deletion = await alone.deletions.start(ADMIN, lamp.id)

    assert (deletion.state, deletion.participants) == (DeletionState.COMPLETED, ())
    assert await catalog.stored(lamp.id) is None
    assert types(await catalog.new_events()) == [COMPLETED, DELETED]


# -- the deadline -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [ProductStatus.ACTIVE, ProductStatus.INACTIVE])
async def test_a_deletion_not_confirmed_in_time_is_cancelled_and_the_product_comes_back(
    catalog: Catalog, status: ProductStatus
):
    lamp = await catalog.product(status=status)
    deletion = await catalog.deletions.start(ADMIN, lamp.id)
    await catalog.deletions.on_confirmed(deletion.id, "customers")
    await catalog.new_events()
    with pytest.raises(ProductNotFound):
        await catalog.service.get_product(lamp.id)  # read, and cached, while deleting

    assert await catalog.deletions.sweep() == 0, "not due before its deadline"
    assert (await catalog.current(deletion)).state is DeletionState.PENDING
    assert await catalog.sweep_after(deletion) == 1

    cancelled = await catalog.current(deletion)
    assert (cancelled.state, cancelled.deadline) == (DeletionState.CANCELLED, None)
    assert cancelled.reason == "no confirmation from reviews in time"
    back = await catalog.service.get_product(lamp.id)
    assert back.status is status
    assert (lamp.id in await catalog.listed()) is (status is ProductStatus.ACTIVE)
    announced, changed = events = await catalog.new_events()
    assert types(events) == [CANCELLED, CHANGED]
    assert isinstance(announced.payload, catalog_pb2.ProductDeletionCancelled)
    assert announced.payload.reason == cancelled.reason
    assert (
        changed_status(changed)
        == {
            ProductStatus.ACTIVE: catalog_messages.PRODUCT_STATUS_ACTIVE,
            ProductStatus.INACTIVE: catalog_messages.PRODUCT_STATUS_INACTIVE,
        }[status]
    )


async def test_confirmations_after_the_cancellation_change_nothing(catalog: Catalog):
    lamp = await catalog.product()
    deletion = await catalog.deletions.start(ADMIN, lamp.id)
    await catalog.sweep_after(deletion)
    cancelled = await catalog.current(deletion)
    await catalog.new_events()

    await catalog.confirm_all(deletion)

    assert await catalog.current(deletion) == cancelled
    assert (await catalog.service.get_product(lamp.id)).status is ProductStatus.ACTIVE
    assert await catalog.new_events() == []
    assert await catalog.deletions.sweep() == 0, "an ended deletion is not due again"


async def test_after_a_cancellation_the_product_can_be_changed_and_deleted_anew(catalog: Catalog):
    lamp = await catalog.product()
    first = await catalog.deletions.start(ADMIN, lamp.id)
    await catalog.sweep_after(first)

    changed = await catalog.service.update_product(ADMIN, lamp.id, ProductChanges(stock=9))
    second = await catalog.deletions.start(ADMIN, lamp.id)

    assert changed.stock == 9
    assert second.id != first.id
    assert second.state is DeletionState.PENDING
    assert (await catalog.current(first)).state is DeletionState.CANCELLED, "the first one is kept as it ended"
    assert (await catalog.confirm_all(second)).state is DeletionState.COMPLETED
