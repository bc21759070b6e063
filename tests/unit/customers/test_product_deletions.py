"""customers as a participant in catalog's product deletion, on the embedded store: every user's cart lines and
favourites of the product are set aside (hidden), then restored as they were or dropped for good."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from services.customers.adapters.events import references_dropped
from services.customers.adapters.orm import cart_items, favourites
from services.customers.adapters.unit_of_work import CustomersUnitOfWork
from services.customers.domain import MAX_LINES, CartFull, CartItem, Favourite, ProductNotFound
from services.customers.service import MIGRATIONS, NAME
from services.customers.service_layer import CustomersService
from services.platform.context import Principal
from services.platform.db import Database
from services.platform.product_deletions import DeletionParticipant, DeletionStep, Outcome
from services.platform.runner import open_database
from services.platform.settings import Settings
from tests.unit.customers.fakes import FakeCatalog
from tests.unit.platform.test_product_deletions import Deletion, FakeClock, confirmations, customer, ledger

CUSTOMERS_DROPPED = "customers.product_references_dropped"
ANN, BOB, CAROL = customer(), customer(), customer()


@dataclass(frozen=True)
class Holdings:
    """What one user keeps: cart lines (with when each joined) and favourites, as stored and shown."""

    lines: list[CartItem]
    favourites: list[Favourite]


@dataclass(frozen=True)
class Customers:
    service: CustomersService
    participant: DeletionParticipant
    database: Database
    catalog: FakeCatalog

    async def holdings(self, user: Principal) -> Holdings:
        user_id = uuid.UUID(user.user_id)
        async with CustomersUnitOfWork(self.database) as uow:
            lines = await uow.carts.items(user_id)
        return Holdings(lines, (await self.service.list_favourites(user, None, 100)).favourites)

    async def products_held(self, user: Principal) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
        """The products in the user's cart, and those they favour, as the user sees them."""
        cart = await self.service.get_cart(user)
        shown = (await self.service.list_favourites(user, None, 100)).favourites
        return {line.product_id for line in cart.lines}, {favourite.product_id for favourite in shown}

    async def keep(self, user: Principal, *products: tuple[uuid.UUID, int]) -> None:
        """Puts each product in the user's cart with its quantity, and among their favourites."""
        for product_id, quantity in products:
            await self.service.set_cart_item(user, product_id, quantity)
            await self.service.add_favourite(user, product_id)

    async def sneak_in(self, user: Principal, product_id: uuid.UUID) -> None:
        """A cart line and a favourite stored past the use cases' check, as ones committed while a deletion's
        request was handled."""
        user_id = uuid.UUID(user.user_id)
        async with CustomersUnitOfWork(self.database) as uow:
            now = self.service.clock()
            await uow.carts.put(user_id, product_id, 7, now)
            await uow.favourites.add(user_id, product_id, now)
            await uow.commit()

    async def stored(self, product_id: uuid.UUID) -> int:
        """The product's cart lines and favourites in the tables, shown or set aside."""
        async with self.database.transaction() as session:
            counts = [
                (await session.execute(select(func.count()).where(table.c.product_id == product_id))).scalar_one()
                for table in (cart_items, favourites)
            ]
        return sum(counts)

    async def confirmations(self) -> list[DeletionStep]:
        return await confirmations(self.database, CUSTOMERS_DROPPED)

    def deletion(self, product_id: uuid.UUID) -> Deletion:
        return Deletion(self.participant, product_id)


@pytest.fixture
async def customers(settings: Settings) -> AsyncIterator[Customers]:
    database = await open_database(settings, NAME, MIGRATIONS)
    catalog = FakeCatalog()
    service = CustomersService(lambda: CustomersUnitOfWork(database), catalog, FakeClock())
    participant = DeletionParticipant(lambda: CustomersUnitOfWork(database), references_dropped)
    yield Customers(service, participant, database, catalog)
    await database.close()


@dataclass(frozen=True)
class Products:
    lamp: uuid.UUID  # the one being deleted
    cup: uuid.UUID


@pytest.fixture
async def products(customers: Customers) -> Products:
    """Ann keeps a cup and a lamp, Bob a lamp only (each in the cart and among the favourites)."""
    lamp, cup = customers.catalog.add("lamp", 40), customers.catalog.add("cup", 20)
    await customers.keep(ANN, (cup, 2), (lamp, 3))
    await customers.keep(BOB, (lamp, 1))
    return Products(lamp, cup)


async def test_a_request_sets_aside_every_users_lines_and_favourites_of_the_product(
    customers: Customers, products: Products
):
    deletion = customers.deletion(products.lamp)

    await deletion.request()

    assert await customers.products_held(ANN) == ({products.cup}, {products.cup})
    assert await customers.products_held(BOB) == (set(), set())
    assert await customers.stored(products.lamp) == 4, "set aside, not deleted"
    assert await customers.confirmations() == [deletion.step]
    assert await ledger(customers.database) == {deletion.id: Outcome.SET_ASIDE}


async def test_a_cancellation_restores_lines_with_their_quantity_and_time_and_the_favourites(
    customers: Customers, products: Products
):
    before = {user: await customers.holdings(user) for user in (ANN, BOB)}
    deletion = customers.deletion(products.lamp)

    await deletion.request()
    await deletion.cancel()

    assert {user: await customers.holdings(user) for user in (ANN, BOB)} == before
    ann_lamp = next(line for line in before[ANN].lines if line.product_id == products.lamp)
    assert ann_lamp.quantity == 3
    assert await ledger(customers.database) == {deletion.id: Outcome.CANCELLED}


async def test_a_repeated_request_confirms_again_but_moves_nothing(customers: Customers, products: Products):
    """A redelivered request is answered again (catalog may have lost the answer), not acted on again."""
    deletion = customers.deletion(products.lamp)
    await deletion.request()
    await customers.sneak_in(CAROL, products.lamp)

    await deletion.request()

    assert await customers.products_held(CAROL) == ({products.lamp}, {products.lamp})
    assert await customers.products_held(BOB) == (set(), set())
    assert await customers.confirmations() == [deletion.step, deletion.step]


async def test_completion_drops_every_reference_including_those_made_meanwhile(
    customers: Customers, products: Products
):
    ann_cup = await customers.holdings(ANN)
    deletion = customers.deletion(products.lamp)
    await deletion.request()
    await customers.sneak_in(CAROL, products.lamp)

    await deletion.complete()
    await deletion.complete()  # a repeat changes nothing

    assert await customers.stored(products.lamp) == 0
    assert await customers.holdings(ANN) == Holdings(
        [line for line in ann_cup.lines if line.product_id == products.cup],
        [favourite for favourite in ann_cup.favourites if favourite.product_id == products.cup],
    )
    assert await ledger(customers.database) == {deletion.id: Outcome.COMPLETED}


async def test_a_cancellation_heard_before_its_request_makes_the_request_change_nothing(
    customers: Customers, products: Products
):
    before = await customers.holdings(BOB)
    deletion = customers.deletion(products.lamp)

    await deletion.cancel()
    await deletion.request()

    assert await customers.holdings(BOB) == before
    assert await customers.confirmations() == []
    assert await ledger(customers.database) == {deletion.id: Outcome.CANCELLED}


async def refused_everything(customers: Customers, product_id: uuid.UUID) -> None:
    """Carting and favouring the product are refused, for users who had it and for one who never did (catalog,
    the fake one here, still has it: the refusal is customers' own)."""
    for user in (ANN, CAROL):
        with pytest.raises(ProductNotFound):
            await customers.service.set_cart_item(user, product_id, 1)
        with pytest.raises(ProductNotFound):
            await customers.service.add_favourite(user, product_id)


async def test_the_product_takes_no_new_line_or_favourite_while_set_aside_or_after_completion(
    customers: Customers, products: Products
):
    first = customers.deletion(products.lamp)
    await first.request()
    await refused_everything(customers, products.lamp)
    await first.cancel()

    second = customers.deletion(products.lamp)
    await second.request()
    await second.complete()
    await refused_everything(customers, products.lamp)
    assert await customers.stored(products.lamp) == 0


async def test_the_product_takes_lines_and_favourites_again_after_a_cancellation(
    customers: Customers, products: Products
):
    deletion = customers.deletion(products.lamp)
    await deletion.request()
    await deletion.cancel()

    await customers.keep(CAROL, (products.lamp, 2))
    await customers.service.set_cart_item(BOB, products.lamp, 5)

    assert await customers.products_held(CAROL) == ({products.lamp}, {products.lamp})
    assert [(line.product_id, line.quantity) for line in (await customers.holdings(BOB)).lines] == [(products.lamp, 5)]


async def test_a_restored_line_does_not_lock_a_cart_filled_meanwhile(customers: Customers, products: Products):
    """While Bob's lamp line is set aside he fills his cart up to the limit; the cancellation then brings the lamp
    back. However the limit is kept (the hidden line counting towards it, or only new lines being checked),
    changing the quantity of a line already in the cart adds no line and must not be refused."""
    deletion = customers.deletion(products.lamp)
    await deletion.request()
    others = [customers.catalog.add(f"item-{index}", 1) for index in range(MAX_LINES)]
    for product_id in others:
        try:
            await customers.service.set_cart_item(BOB, product_id, 1)
        except CartFull:  # the set-aside line counted towards the limit: the cart is full already
            break
    await deletion.cancel()

    try:
        await customers.service.set_cart_item(BOB, others[0], 2)
    except CartFull:
        lines = len((await customers.service.get_cart(BOB)).lines)
        pytest.fail(
            f"BUG: restoring the set-aside line left Bob's cart with {lines} lines (limit {MAX_LINES}), and now "
            "even changing the quantity of a line already in it is refused with CartFull"
        )
