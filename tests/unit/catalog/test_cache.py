"""The product read cache: fresh within its TTL, dropped on local writes, bounded in size."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from services.catalog.adapters.cache import ProductCache
from services.catalog.adapters.unit_of_work import CatalogUnitOfWork
from services.catalog.domain import Price, Product, ProductChanges, ProductStatus
from services.catalog.service import open_catalog
from services.catalog.service_layer import CatalogService
from services.platform.context import Principal
from services.platform.settings import Settings

ADMIN = Principal(user_id=str(uuid.uuid4()), role="admin")


def product(name: str = "cup") -> Product:
    now = datetime.now(UTC)
    return Product(uuid.uuid4(), name, "", "merch", Price(20, "COIN"), 1, ProductStatus.ACTIVE, now, now)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_entries_expire_after_their_ttl():
    clock = Clock()
    cache = ProductCache(ttl=2.0, clock=clock)
    cup = product()
    cache.put(cup, cache.before_read())
    clock.now += 1.9
    assert cache.get(cup.id) == cup
    clock.now += 0.2
    assert cache.get(cup.id) is None


def test_the_oldest_entries_go_first_when_full():
    cache = ProductCache(ttl=60, max_entries=2)
    first, second, third = product("a"), product("b"), product("c")
    for item in (first, second, third):
        cache.put(item, cache.before_read())
    assert cache.get(first.id) is None
    assert cache.get(third.id) == third


def test_a_read_a_write_overtook_is_not_kept():
    cache = ProductCache(ttl=60)
    cup = product()
    read_at = cache.before_read()  # a reader starts reading the cup from the database
    cache.drop(cup.id)  # a write through this process commits meanwhile
    cache.put(cup, read_at)  # the reader's copy may predate that write
    assert cache.get(cup.id) is None

    cache.put(cup, cache.before_read())
    assert cache.get(cup.id) == cup


def test_a_zero_ttl_caches_nothing():
    cache = ProductCache(ttl=0)
    cup = product()
    cache.put(cup, cache.before_read())
    assert cache.get(cup.id) is None


async def test_writes_through_this_process_are_seen_at_once(settings: Settings):
    catalog, database = await open_catalog(settings)
    merch = (await catalog.list_products("merch", None, 1)).products[0]
    await catalog.get_product(merch.id)
    await catalog.update_product(ADMIN, merch.id, ProductChanges(stock=5))
    assert (await catalog.get_product(merch.id)).stock == 5
    await database.close()


@pytest.mark.parametrize(("ttl", "stale"), [(60.0, True), (0.0, False)])
async def test_another_process_writes_show_after_the_ttl(settings: Settings, ttl: float, stale: bool):
    reader, database = await open_catalog(settings)
    reader.cache.ttl = ttl
    writer = CatalogService(lambda: CatalogUnitOfWork(database), ProductCache(ttl=0))
    merch = (await reader.list_products("merch", None, 1)).products[0]
    before = await reader.get_product(merch.id)
    await writer.update_product(ADMIN, merch.id, ProductChanges(stock=7))
    assert ((await reader.get_product(merch.id)).stock == before.stock) is stale
    await database.close()
