"""catalog's use cases on the embedded store: the merch seed, pagination, and admin-only writes."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from services.catalog.domain import (
    AdminRequired,
    Price,
    ProductChanges,
    ProductNotFound,
    ProductStatus,
)
from services.catalog.service import open_catalog
from services.catalog.service_layer import CatalogService, NewProduct
from services.platform.context import Principal
from services.platform.cursors import InvalidCursor, encode_cursor
from services.platform.errors import InvalidArgument
from services.platform.settings import Settings

ADMIN = Principal(user_id=str(uuid.uuid4()), role="admin")
CUSTOMER = Principal(user_id=str(uuid.uuid4()), role="customer")
MERCH = {
    "t-shirt": 80, "cup": 20, "book": 50, "pen": 10, "powerbank": 200,
    "hoody": 300, "umbrella": 200, "socks": 10, "wallet": 50, "pink-hoody": 500,
}  # fmt: skip


def lamp(**overrides: object) -> NewProduct:
    fields: dict[str, object] = {
        "name": "Desk lamp", "description": "Warm light", "category": "home",
        "price": Price(2599, "EUR"), "stock": 5, "status": ProductStatus.ACTIVE,
    }  # fmt: skip
    return NewProduct(**{**fields, **overrides})  # type: ignore[arg-type]


@pytest.fixture
async def catalog(settings: Settings) -> AsyncIterator[CatalogService]:
    service, database = await open_catalog(settings)
    yield service
    await database.close()


async def all_pages(catalog: CatalogService, category: str | None, limit: int) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        page = await catalog.list_products(category, cursor, limit)
        pages.append([p.name for p in page.products])
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


async def test_first_start_seeds_the_merch_items_in_coin(catalog: CatalogService):
    page = await catalog.list_products("merch", None, 100)
    assert {p.name: p.price.amount for p in page.products} == MERCH
    assert {p.price.currency for p in page.products} == {"COIN"}
    assert page.next_cursor is None


async def test_pages_cover_every_product_once_in_order(catalog: CatalogService):
    pages = await all_pages(catalog, "merch", 3)
    assert [len(p) for p in pages] == [3, 3, 3, 1]
    names = [name for page in pages for name in page]
    assert sorted(names) == sorted(MERCH)


async def test_category_filter_and_inactive_products_are_not_listed(catalog: CatalogService):
    await catalog.create_product(ADMIN, lamp())
    await catalog.create_product(ADMIN, lamp(name="Old lamp", status=ProductStatus.INACTIVE))
    assert await all_pages(catalog, "home", 10) == [["Desk lamp"]]


async def test_inactive_products_can_still_be_fetched_by_id(catalog: CatalogService):
    hidden = await catalog.create_product(ADMIN, lamp(status=ProductStatus.INACTIVE))
    assert (await catalog.get_product(hidden.id)).status is ProductStatus.INACTIVE


async def test_a_cursor_not_issued_by_the_service_is_rejected(catalog: CatalogService):
    with pytest.raises(InvalidCursor):
        await catalog.list_products(None, "not-a-cursor!", 10)


async def test_a_cursor_past_the_end_gives_an_empty_last_page(catalog: CatalogService):
    page = await catalog.list_products(None, encode_cursor(uuid.UUID(int=2**128 - 1)), 10)
    assert page.products == []
    assert page.next_cursor is None


async def test_admins_create_update_and_delete(catalog: CatalogService):
    created = await catalog.create_product(ADMIN, lamp())
    updated = await catalog.update_product(ADMIN, created.id, ProductChanges(price=Price(1999, "EUR"), stock=0))
    assert (updated.price.amount, updated.stock, updated.name) == (1999, 0, "Desk lamp")
    assert updated.updated_at >= created.updated_at
    assert await catalog.get_product(created.id) == updated
    deletion = await catalog.deletions.start(ADMIN, created.id)
    for participant in deletion.participants:
        await catalog.deletions.on_confirmed(deletion.id, participant)
    with pytest.raises(ProductNotFound):
        await catalog.get_product(created.id)


@pytest.mark.parametrize("principal", [CUSTOMER, None])
async def test_only_admins_may_write_and_refusals_change_nothing(catalog: CatalogService, principal: Principal | None):
    product = await catalog.create_product(ADMIN, lamp())
    with pytest.raises(AdminRequired):
        await catalog.create_product(principal, lamp(name="Sneaky"))
    with pytest.raises(AdminRequired):
        await catalog.update_product(principal, product.id, ProductChanges(stock=999))
    with pytest.raises(AdminRequired):
        await catalog.deletions.start(principal, product.id)
    assert await catalog.get_product(product.id) == product
    assert await all_pages(catalog, "home", 10) == [["Desk lamp"]]


@pytest.mark.parametrize(
    "bad",
    [
        {"name": ""}, {"name": "x" * 201}, {"category": "Not A Slug"}, {"price": Price(0, "EUR")},
        {"price": Price(5, "euro")}, {"stock": -1}, {"description": "nul\x00byte"},
    ],
)  # fmt: skip
async def test_rules_hold_for_callers_that_bypass_rest_validation(catalog: CatalogService, bad: dict[str, object]):
    with pytest.raises(InvalidArgument):
        await catalog.create_product(ADMIN, lamp(**bad))


async def test_changing_a_missing_product_is_not_found(catalog: CatalogService):
    with pytest.raises(ProductNotFound):
        await catalog.update_product(ADMIN, uuid.uuid4(), ProductChanges(stock=1))
    with pytest.raises(ProductNotFound):
        await catalog.deletions.start(ADMIN, uuid.uuid4())
