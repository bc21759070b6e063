"""catalog announces every change through its outbox, in the transaction that made it."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from agora.catalog.v1 import catalog_pb2 as catalog_messages
from agora.events.v1 import catalog_pb2
from services.catalog.domain import AdminRequired, Price, ProductChanges, ProductStatus
from services.catalog.service import open_catalog
from services.catalog.service_layer import NewProduct
from services.platform.context import Principal
from services.platform.events import Event, unwrap
from services.platform.outbox import outbox
from services.platform.settings import Settings

ADMIN = Principal(user_id=str(uuid.uuid4()), role="admin")


async def test_create_change_and_the_deletion_saga_leave_their_events(settings: Settings):
    catalog, database = await open_catalog(settings)
    lamp = await catalog.create_product(
        ADMIN, NewProduct("Lamp", "", "home", Price(1999, "EUR"), 3, ProductStatus.ACTIVE)
    )
    await catalog.update_product(ADMIN, lamp.id, ProductChanges(stock=2))
    deletion = await catalog.deletions.start(ADMIN, lamp.id)
    for participant in deletion.participants:
        await catalog.deletions.on_confirmed(deletion.id, participant)
    with pytest.raises(AdminRequired):
        await catalog.deletions.start(Principal(user_id=str(uuid.uuid4()), role="customer"), lamp.id)

    async with database.transaction() as session:
        events: list[Event] = [unwrap(row.body) for row in await session.execute(select(outbox).order_by(outbox.c.id))]
    await database.close()

    assert [e.envelope.type for e in events] == [
        "catalog.product_created",
        "catalog.product_changed",
        "catalog.product_deletion_requested",
        "catalog.product_changed",
        "catalog.product_deletion_completed",
        "catalog.product_deleted",
    ]
    created, changed, _, hidden, _, deleted = (e.payload for e in events)
    assert isinstance(hidden, catalog_pb2.ProductChanged)
    assert hidden.product.status == catalog_messages.PRODUCT_STATUS_DELETING
    assert isinstance(created, catalog_pb2.ProductCreated)
    assert created.product.id == str(lamp.id)
    assert isinstance(changed, catalog_pb2.ProductChanged)
    assert changed.product.stock == 2
    assert isinstance(deleted, catalog_pb2.ProductDeleted)
    assert deleted.product_id == str(lamp.id)
    assert all(e.envelope.producer == "catalog" for e in events)
    assert len({e.id for e in events}) == len(events)
