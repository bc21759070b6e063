"""customers on real PostgreSQL: the migration, and concurrent writes to one cart or favourite."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest

from services.customers.adapters.unit_of_work import CustomersUnitOfWork
from services.customers.domain import MAX_LINES, CartFull
from services.customers.service import MIGRATIONS, NAME
from services.customers.service_layer import CustomersService
from services.platform.context import Principal
from services.platform.runner import open_database
from services.platform.settings import Settings
from tests.unit.customers.fakes import FakeCatalog

ANN = Principal(user_id=str(uuid.uuid4()), role="customer")
RACERS = 10


@pytest.fixture
def catalog() -> FakeCatalog:
    return FakeCatalog()


@pytest.fixture
async def customers(postgres_settings: Settings, catalog: FakeCatalog) -> AsyncIterator[CustomersService]:
    database = await open_database(postgres_settings, NAME, MIGRATIONS)
    # Connections for every racer wait in the pool, so racing transactions overlap instead of queueing behind
    # the opening of new connections.
    async with AsyncExitStack() as connections:
        for _ in range(RACERS):
            await connections.enter_async_context(database.engine.connect())
    yield CustomersService(lambda: CustomersUnitOfWork(database), catalog)
    await database.close()


async def test_concurrent_quantities_for_one_product_leave_one_valid_line(
    customers: CustomersService, catalog: FakeCatalog
):
    cup = catalog.add("cup", 20)

    await asyncio.gather(*(customers.set_cart_item(ANN, cup, quantity) for quantity in range(1, RACERS + 1)))

    [line] = (await customers.get_cart(ANN)).lines
    assert line.product_id == cup
    assert 1 <= line.quantity <= RACERS


async def test_concurrent_new_products_never_overfill_the_cart(customers: CustomersService, catalog: FakeCatalog):
    for index in range(MAX_LINES - 1):
        await customers.set_cart_item(ANN, catalog.add(f"item-{index}", 1), 1)
    racing = [catalog.add(f"racer-{index}", 1) for index in range(RACERS)]

    results = await asyncio.gather(
        *(customers.set_cart_item(ANN, product_id, 1) for product_id in racing), return_exceptions=True
    )

    assert sum(not isinstance(result, BaseException) for result in results) == 1
    assert all(isinstance(result, CartFull) for result in results if isinstance(result, BaseException))
    assert len((await customers.get_cart(ANN)).lines) == MAX_LINES


async def test_concurrent_adds_of_one_favourite_make_one(customers: CustomersService, catalog: FakeCatalog):
    cup = catalog.add("cup", 20)

    added = await asyncio.gather(*(customers.add_favourite(ANN, cup) for _ in range(RACERS)))

    assert len(set(added)) == 1
    assert (await customers.list_favourites(ANN, None, 0)).favourites == [added[0]]
