"""identity and catalog on real PostgreSQL: migrations, constraints, and races that only a real server shows."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from services.catalog.domain import Price, ProductStatus
from services.catalog.service import open_catalog
from services.catalog.service_layer import CatalogService, NewProduct
from services.identity.domain import InvalidRefreshToken, RefreshTokenReused, UsernameTaken
from services.identity.service import open_identity
from services.identity.service_layer import IdentityService
from services.platform.context import Principal
from services.platform.db import Database
from services.platform.settings import Settings

ADMIN = Principal(user_id=str(uuid.uuid4()), role="admin")


@pytest.fixture
async def identity(postgres_settings: Settings) -> AsyncIterator[IdentityService]:
    service, _keys, database = await open_identity(postgres_settings)
    yield service
    await database.close()


@pytest.fixture
async def catalog(postgres_settings: Settings) -> AsyncIterator[tuple[CatalogService, Database]]:
    service, database = await open_catalog(postgres_settings)
    yield service, database
    await database.close()


async def test_migrations_are_idempotent_on_restart(postgres_settings: Settings):
    for _ in range(2):
        service, database = await open_catalog(postgres_settings)
        assert len((await service.list_products("merch", None, 100)).products) == 10
        await database.close()


async def test_concurrent_registrations_of_one_name_create_one_account(identity: IdentityService):
    results = await asyncio.gather(
        *(identity.register("dana", f"password-{i}") for i in range(6)), return_exceptions=True
    )
    assert sum(not isinstance(r, BaseException) for r in results) == 1
    assert all(isinstance(r, UsernameTaken) for r in results if isinstance(r, BaseException))


async def test_racing_refreshes_of_one_token_leave_the_family_revoked(identity: IdentityService):
    await identity.register("eve", "password-1")
    pair = await identity.login("eve", "password-1")
    results = await asyncio.gather(*(identity.refresh(pair.refresh_token) for _ in range(6)), return_exceptions=True)
    winners = [r for r in results if not isinstance(r, BaseException)]
    assert len(winners) <= 1
    assert any(isinstance(r, RefreshTokenReused) for r in results)
    for winner in winners:
        with pytest.raises(InvalidRefreshToken):
            await identity.refresh(winner.refresh_token)


async def test_the_database_refuses_negative_stock(catalog: tuple[CatalogService, Database]):
    service, database = catalog
    product = await service.create_product(
        ADMIN, NewProduct("Kettle", "", "kitchen", Price(3000, "EUR"), 1, ProductStatus.ACTIVE)
    )
    with pytest.raises(IntegrityError):
        async with database.transaction() as session:
            await session.execute(text("UPDATE products SET stock = -1 WHERE id = :id"), {"id": product.id})
    assert (await service.get_product(product.id)).stock == 1


async def test_pagination_over_many_products_is_complete_and_ordered(catalog: tuple[CatalogService, Database]):
    service, _ = catalog
    created = [
        await service.create_product(
            ADMIN, NewProduct(f"Item {i}", "", "bulk", Price(100 + i, "USD"), i, ProductStatus.ACTIVE)
        )
        for i in range(25)
    ]
    seen, cursor = [], None
    while True:
        page = await service.list_products("bulk", cursor, 7)
        seen += [p.id for p in page.products]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == [p.id for p in created]
