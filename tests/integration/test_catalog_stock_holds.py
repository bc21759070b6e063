"""Stock holds on real PostgreSQL, where reservations truly run at once: no unit is sold twice or lost."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import astuple

import pytest
from sqlalchemy import func, select

from agora.events.v1.catalog_pb2 import StockReserved
from services.catalog.adapters.orm import stock_hold_lines, stock_holds
from services.catalog.domain import (
    HoldState,
    Price,
    Product,
    ProductChanges,
    ProductStatus,
    RequestedItem,
    StockPosition,
)
from services.catalog.service import open_catalog
from services.catalog.service_layer import CatalogService, NewProduct
from services.platform.context import Principal
from services.platform.db import Database
from services.platform.events import unwrap
from services.platform.outbox import outbox
from services.platform.settings import Settings

ADMIN = Principal(user_id=str(uuid.uuid4()), role="admin")


@pytest.fixture
async def catalog(postgres_settings: Settings) -> AsyncIterator[tuple[CatalogService, Database]]:
    service, database = await open_catalog(postgres_settings)
    yield service, database
    await database.close()


async def kettle(service: CatalogService, stock: int) -> Product:
    return await service.create_product(
        ADMIN, NewProduct("Kettle", "", "kitchen", Price(3000, "EUR"), stock, ProductStatus.ACTIVE)
    )


async def test_200_buyers_of_50_kettles_get_exactly_50(catalog: tuple[CatalogService, Database]):
    service, _ = catalog
    product = await kettle(service, 50)
    one_each = [RequestedItem(str(product.id), 1)]
    racing = True
    seen_stock: list[int] = []

    async def watch_stock() -> None:
        while racing:
            seen_stock.append((await service.holds.position(product.id)).stock)
            await asyncio.sleep(0)

    watcher = asyncio.create_task(watch_stock())
    holds = await asyncio.gather(*(service.holds.reserve(uuid.uuid4(), one_each) for _ in range(200)))
    racing = False
    await watcher

    assert Counter(hold.state for hold in holds) == {HoldState.RESERVED: 50, HoldState.REJECTED: 150}
    assert {hold.reason for hold in holds if hold.state is HoldState.REJECTED} == {"out of stock: Kettle"}
    position = await service.holds.position(product.id)
    assert position == StockPosition(stock=0, reserved=50, sold=0)
    assert {type(units) for units in astuple(position)} == {int}
    assert seen_stock
    assert min(seen_stock) >= 0


async def test_concurrent_deliveries_of_one_order_hold_once(catalog: tuple[CatalogService, Database]):
    service, database = catalog
    product = await kettle(service, 10)
    order = uuid.uuid4()

    holds = await asyncio.gather(
        *(service.holds.reserve(order, [RequestedItem(str(product.id), 3)]) for _ in range(20))
    )

    assert {hold.state for hold in holds} == {HoldState.RESERVED}
    assert await service.holds.position(product.id) == StockPosition(stock=7, reserved=3, sold=0)
    async with database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(stock_holds)) == 1
        assert await session.scalar(select(func.count()).select_from(stock_hold_lines)) == 1
        answers = await session.execute(select(outbox.c.body).where(outbox.c.routing_key.like("catalog.stock_%")))
        payloads = [unwrap(row.body).payload for row in answers]
    assert payloads == [StockReserved(order_id=str(order))] * 20


async def test_a_release_racing_its_reservation_leaves_the_stock_whole(catalog: tuple[CatalogService, Database]):
    service, _ = catalog
    product = await kettle(service, 30)
    orders = [uuid.uuid4() for _ in range(30)]

    await asyncio.gather(
        *(service.holds.reserve(order, [RequestedItem(str(product.id), 1)]) for order in orders),
        *(service.holds.release(order) for order in orders),
    )

    assert await service.holds.position(product.id) == StockPosition(stock=30, reserved=0, sold=0)
    for order in orders:  # whichever came first, a late reservation is refused: nothing stays held
        assert (await service.holds.reserve(order, [RequestedItem(str(product.id), 1)])).refusal is not None


async def test_admin_edits_racing_reservations_lose_no_unit(catalog: tuple[CatalogService, Database]):
    service, _ = catalog
    product = await kettle(service, 40)

    await asyncio.gather(
        *(service.holds.reserve(uuid.uuid4(), [RequestedItem(str(product.id), 1)]) for _ in range(20)),
        *(service.update_product(ADMIN, product.id, ProductChanges(name=f"Kettle {n}")) for n in range(20)),
    )

    assert await service.holds.position(product.id) == StockPosition(stock=20, reserved=20, sold=0)
