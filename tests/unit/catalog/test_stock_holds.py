"""Stock held for orders on the embedded store: all or nothing, one effect per order, and no unit lost or made."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from agora.events.v1.catalog_pb2 import StockReleased, StockReservationRejected, StockReserved
from agora.events.v1.orders_pb2 import OrderItem, OrderStatusChanged, StockReleaseRequested, StockReservationRequested
from services.catalog.domain import (
    CANCELLED,
    HoldState,
    Price,
    Product,
    ProductChanges,
    ProductNotFound,
    ProductStatus,
    RequestedItem,
    StockPosition,
)
from services.catalog.service import open_catalog, start
from services.catalog.service_layer import CatalogService, NewProduct
from services.platform.bus import Message
from services.platform.bus.memory import MemoryBus
from services.platform.context import Principal
from services.platform.db import Database
from services.platform.events import Event, to_message, unwrap, wrap
from services.platform.outbox import outbox
from services.platform.settings import Settings

ADMIN = Principal(user_id=str(uuid.uuid4()), role="admin")


@dataclass(frozen=True)
class Catalog:
    service: CatalogService
    database: Database

    async def product(self, name: str, stock: int, status: ProductStatus = ProductStatus.ACTIVE) -> Product:
        new = NewProduct(name, "", "home", Price(1000, "EUR"), stock, status)
        return await self.service.create_product(ADMIN, new)

    async def answers(self) -> list[Event]:
        """The outbox's events about orders, oldest first."""
        async with self.database.transaction() as session:
            rows = await session.execute(select(outbox.c.body).order_by(outbox.c.id))
            events = [unwrap(row.body) for row in rows]
        return [event for event in events if not event.envelope.type.startswith("catalog.product_")]


@pytest.fixture
async def catalog(settings: Settings) -> AsyncIterator[Catalog]:
    service, database = await open_catalog(settings)
    yield Catalog(service, database)
    await database.close()


def items(*lines: tuple[Product, int]) -> list[RequestedItem]:
    return [RequestedItem(str(product.id), quantity) for product, quantity in lines]


async def test_a_reservation_takes_the_stock_and_its_release_gives_it_back(catalog: Catalog):
    lamp, vase = await catalog.product("Lamp", 5), await catalog.product("Vase", 3)
    holds, order = catalog.service.holds, uuid.uuid4()

    reserved = await holds.reserve(order, items((lamp, 2), (vase, 3)))
    assert reserved.state is HoldState.RESERVED
    assert await holds.position(lamp.id) == StockPosition(stock=3, reserved=2, sold=0)
    assert await holds.position(vase.id) == StockPosition(stock=0, reserved=3, sold=0)

    released = await holds.release(order)
    assert released.state is HoldState.RELEASED
    assert await holds.position(lamp.id) == StockPosition(stock=5, reserved=0, sold=0)
    assert await holds.position(vase.id) == StockPosition(stock=3, reserved=0, sold=0)
    assert [type(event.payload) for event in await catalog.answers()] == [StockReserved, StockReleased]


async def test_one_product_short_rejects_the_whole_order_and_takes_nothing(catalog: Catalog):
    lamp, vase = await catalog.product("Lamp", 5), await catalog.product("Vase", 1)
    rejected = await catalog.service.holds.reserve(uuid.uuid4(), items((lamp, 2), (vase, 2)))

    assert (rejected.state, rejected.reason) == (HoldState.REJECTED, "out of stock: Vase")
    assert await catalog.service.holds.position(lamp.id) == StockPosition(stock=5, reserved=0, sold=0)
    assert await catalog.service.holds.position(vase.id) == StockPosition(stock=1, reserved=0, sold=0)


async def test_a_product_named_twice_needs_the_sum_in_stock(catalog: Catalog):
    lamp = await catalog.product("Lamp", 5)
    holds = catalog.service.holds
    assert (await holds.reserve(uuid.uuid4(), items((lamp, 3), (lamp, 3)))).reason == "out of stock: Lamp"
    assert (await holds.reserve(uuid.uuid4(), items((lamp, 3), (lamp, 2)))).state is HoldState.RESERVED
    assert await holds.position(lamp.id) == StockPosition(stock=0, reserved=5, sold=0)


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("unknown", "unknown product 00000000-0000-0000-0000-000000000001"),
        ("malformed", "unknown product 'not-a-product'"),
        ("inactive", "inactive product: Old lamp"),
        ("zero", "must be positive, not 0"),
        ("negative", "must be positive, not -2"),
        ("empty", "the order has no items"),
    ],
)
async def test_what_cannot_be_held_is_rejected_with_its_reason(catalog: Catalog, case: str, reason: str):
    lamp = await catalog.product("Lamp", 5)
    old_lamp = await catalog.product("Old lamp", 5, ProductStatus.INACTIVE)
    asked = {
        "unknown": [RequestedItem("00000000-0000-0000-0000-000000000001", 1)],
        "malformed": [RequestedItem("not-a-product", 1)],
        "inactive": items((old_lamp, 1)),
        "zero": items((lamp, 0)),
        "negative": items((lamp, -2)),
        "empty": [],
    }[case]
    order = uuid.uuid4()

    rejected = await catalog.service.holds.reserve(order, [*items((lamp, 1)), *asked] if asked else [])

    assert rejected.state is HoldState.REJECTED
    assert reason in rejected.reason
    assert await catalog.service.holds.position(lamp.id) == StockPosition(stock=5, reserved=0, sold=0)
    [answer] = await catalog.answers()
    assert isinstance(answer.payload, StockReservationRejected)
    assert (answer.payload.order_id, answer.payload.reason) == (str(order), rejected.reason)


async def test_a_repeated_reservation_has_one_effect_and_the_same_answer(catalog: Catalog):
    lamp, vase = await catalog.product("Lamp", 5), await catalog.product("Vase", 1)
    holds, order, short_order = catalog.service.holds, uuid.uuid4(), uuid.uuid4()

    first = await holds.reserve(order, items((lamp, 2)))
    concurrent = await asyncio.gather(*(holds.reserve(order, items((lamp, 2))) for _ in range(5)))
    assert {first, *concurrent} == {first}
    assert await holds.position(lamp.id) == StockPosition(stock=3, reserved=2, sold=0)

    refused = await holds.reserve(short_order, items((vase, 2)))
    await catalog.service.update_product(ADMIN, vase.id, ProductChanges(stock=10))
    assert await holds.reserve(short_order, items((vase, 2))) == refused
    assert await holds.position(vase.id) == StockPosition(stock=10, reserved=0, sold=0)

    answers = [event.payload for event in await catalog.answers()]
    assert answers[:6] == [StockReserved(order_id=str(order))] * 6
    assert answers[6:] == [StockReservationRejected(order_id=str(short_order), reason="out of stock: Vase")] * 2


async def test_a_release_before_the_reservation_wins(catalog: Catalog):
    lamp = await catalog.product("Lamp", 5)
    holds, order = catalog.service.holds, uuid.uuid4()

    assert (await holds.release(order)).state is HoldState.RELEASED
    late = await holds.reserve(order, items((lamp, 1)))

    assert late.state is HoldState.RELEASED
    assert await holds.position(lamp.id) == StockPosition(stock=5, reserved=0, sold=0)
    released, rejected = (event.payload for event in await catalog.answers())
    assert isinstance(released, StockReleased)
    assert isinstance(rejected, StockReservationRejected)
    assert (rejected.order_id, rejected.reason) == (str(order), CANCELLED)


async def test_releasing_twice_or_releasing_a_rejected_order_gives_nothing_back(catalog: Catalog):
    lamp = await catalog.product("Lamp", 2)
    holds, held, refused = catalog.service.holds, uuid.uuid4(), uuid.uuid4()
    await holds.reserve(held, items((lamp, 2)))
    await holds.reserve(refused, items((lamp, 1)))

    await holds.release(held)
    await holds.release(held)
    assert (await holds.release(refused)).state is HoldState.REJECTED

    assert await holds.position(lamp.id) == StockPosition(stock=2, reserved=0, sold=0)
    assert [type(event.payload) for event in await catalog.answers()][-3:] == [StockReleased] * 3


async def test_a_paid_order_stays_out_of_stock_as_sold_until_released(catalog: Catalog):
    lamp = await catalog.product("Lamp", 5)
    holds, order = catalog.service.holds, uuid.uuid4()
    await holds.reserve(order, items((lamp, 2)))

    assert await holds.mark_sold(order)
    assert not await holds.mark_sold(order)
    assert not await holds.mark_sold(uuid.uuid4())
    assert await holds.position(lamp.id) == StockPosition(stock=3, reserved=0, sold=2)
    assert (await holds.reserve(order, items((lamp, 2)))).state is HoldState.SOLD

    await holds.release(order)
    assert await holds.position(lamp.id) == StockPosition(stock=5, reserved=0, sold=0)
    assert not await holds.mark_sold(order)


async def test_no_unit_is_lost_or_made_whatever_the_orders_do(catalog: Catalog):
    lamp, vase = await catalog.product("Lamp", 7), await catalog.product("Vase", 4)
    holds = catalog.service.holds
    orders = [uuid.uuid4() for _ in range(12)]

    async def order_life(number: int, order: uuid.UUID) -> None:
        if number % 4 == 0:
            await holds.release(order)
        await holds.reserve(order, items((lamp, 1 + number % 2), (vase, 1)))
        if number % 3 == 0:
            await holds.mark_sold(order)
        if number % 5 == 0:
            await holds.release(order)

    await asyncio.gather(*(order_life(number, order) for number, order in enumerate(orders)))

    for product in (lamp, vase):
        position = await holds.position(product.id)
        assert position.stock >= 0
        assert position.stock + position.reserved + position.sold == product.stock


async def test_reads_see_a_reservation_at_once_despite_the_cache(catalog: Catalog):
    lamp = await catalog.product("Lamp", 5)
    catalog.service.cache.ttl = 60
    assert (await catalog.service.get_product(lamp.id)).stock == 5

    await catalog.service.holds.reserve(uuid.uuid4(), items((lamp, 2)))
    assert (await catalog.service.get_product(lamp.id)).stock == 3


async def test_an_admin_edit_does_not_undo_a_reservation(catalog: Catalog):
    lamp = await catalog.product("Lamp", 5)
    holds = catalog.service.holds
    await asyncio.gather(
        *(holds.reserve(uuid.uuid4(), items((lamp, 1))) for _ in range(3)),
        *(catalog.service.update_product(ADMIN, lamp.id, ProductChanges(name=f"Lamp {n}")) for n in range(3)),
    )
    assert await holds.position(lamp.id) == StockPosition(stock=2, reserved=3, sold=0)


async def test_a_deleted_product_stays_as_the_record_its_orders_point_at(catalog: Catalog):
    lamp = await catalog.product("Lamp", 5)
    order_id = uuid.uuid4()
    await catalog.service.holds.reserve(order_id, items((lamp, 1)))
    deletion = await catalog.service.deletions.start(ADMIN, lamp.id)
    for participant in deletion.participants:
        await catalog.service.deletions.on_confirmed(deletion.id, participant)
    with pytest.raises(ProductNotFound):
        await catalog.service.get_product(lamp.id)
    assert (await catalog.service.holds.reserve(uuid.uuid4(), items((lamp, 1)))).state is HoldState.REJECTED
    await catalog.service.holds.release(order_id)
    assert await catalog.service.holds.position(lamp.id) == StockPosition(stock=5, reserved=0, sold=0)


async def eventually_sold(catalog: CatalogService, product: Product, sold: int) -> None:
    for _ in range(500):
        if (await catalog.holds.position(product.id)).sold == sold:
            return
        await asyncio.sleep(0.02)
    pytest.fail(f"{sold} units of {product.name} were not sold within 10s")


async def test_the_consumer_answers_orders_commands_on_the_bus(settings: Settings):
    reader, database = await open_catalog(settings)
    cup = next(p for p in (await reader.list_products("merch", None, 100)).products if p.name == "cup")
    bus = MemoryBus()
    running = await start(settings, "127.0.0.1:0", bus)
    replies: asyncio.Queue[Event] = asyncio.Queue()

    async def probe(message: Message) -> None:
        await replies.put(unwrap(message.body))

    await bus.broadcast(["catalog.stock_reserved", "catalog.stock_released"], probe)
    order = str(uuid.uuid4())

    async def send(command: StockReservationRequested | StockReleaseRequested | OrderStatusChanged) -> str:
        envelope = wrap(command, producer="orders", correlation_id="saga-1")
        await bus.publish([to_message(envelope)])
        return envelope.event_id

    try:
        reservation = await send(
            StockReservationRequested(order_id=order, items=[OrderItem(product_id=str(cup.id), quantity=2)])
        )
        reserved = await asyncio.wait_for(replies.get(), 10)
        assert isinstance(reserved.payload, StockReserved)
        assert reserved.payload.order_id == order
        assert (reserved.envelope.causation_id, reserved.envelope.correlation_id) == (reservation, "saga-1")

        await send(OrderStatusChanged(order_id=order, status="PAID"))
        await eventually_sold(reader, cup, 2)
        await send(StockReleaseRequested(order_id=order))
        released = await asyncio.wait_for(replies.get(), 10)
        assert isinstance(released.payload, StockReleased)
        assert released.payload.order_id == order
        assert await reader.holds.position(cup.id) == StockPosition(stock=cup.stock, reserved=0, sold=0)
    finally:
        await bus.close()
        await running.stop(0)
        await database.close()
