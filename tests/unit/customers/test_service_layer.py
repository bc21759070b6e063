"""customers' use cases on the embedded store: cart lines and their limits, prices from catalog, favourites."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from services.customers.adapters.unit_of_work import CustomersUnitOfWork
from services.customers.domain import (
    MAX_LINES,
    MAX_QUANTITY,
    Cart,
    CartFull,
    CartLine,
    InvalidQuantity,
    ProductNotFound,
)
from services.customers.service import MIGRATIONS, NAME
from services.customers.service_layer import CustomersService
from services.platform.context import Principal
from services.platform.cursors import InvalidCursor
from services.platform.db import Database
from services.platform.errors import InvalidArgument, Unauthenticated
from services.platform.money import Money
from services.platform.runner import open_database
from services.platform.settings import Settings
from tests.unit.customers.fakes import FakeCatalog

ANN = Principal(user_id=str(uuid.uuid4()), role="customer")
BOB = Principal(user_id=str(uuid.uuid4()), role="customer")


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    database = await open_database(settings, NAME, MIGRATIONS)
    yield database
    await database.close()


@pytest.fixture
def catalog() -> FakeCatalog:
    return FakeCatalog()


@pytest.fixture
def customers(database: Database, catalog: FakeCatalog) -> CustomersService:
    return CustomersService(lambda: CustomersUnitOfWork(database), catalog)


def quantities(cart: Cart) -> dict[uuid.UUID, int]:
    return {line.product_id: line.quantity for line in cart.lines}


# -- cart --------------------------------------------------------------------------------------------------


async def test_products_join_the_cart_in_order_and_their_quantities_change(
    customers: CustomersService, catalog: FakeCatalog
):
    cup, pen = catalog.add("cup", 20), catalog.add("pen", 10)

    await customers.set_cart_item(ANN, cup, 2)
    await customers.set_cart_item(ANN, pen, 3)
    changed = await customers.set_cart_item(ANN, cup, 5)

    assert [(line.product_id, line.quantity) for line in changed.lines] == [(cup, 5), (pen, 3)]
    assert await customers.get_cart(ANN) == changed
    assert (await customers.get_cart(BOB)).lines == []


async def test_quantity_zero_or_removal_takes_the_line_out(customers: CustomersService, catalog: FakeCatalog):
    cup, pen = catalog.add("cup", 20), catalog.add("pen", 10)
    await customers.set_cart_item(ANN, cup, 1)
    await customers.set_cart_item(ANN, pen, 1)

    assert quantities(await customers.set_cart_item(ANN, cup, 0)) == {pen: 1}
    assert quantities(await customers.remove_cart_item(ANN, pen)) == {}


async def test_removing_a_product_not_in_the_cart_is_not_an_error(customers: CustomersService, catalog: FakeCatalog):
    cup = catalog.add("cup", 20)
    await customers.set_cart_item(ANN, cup, 1)

    assert quantities(await customers.remove_cart_item(ANN, uuid.uuid4())) == {cup: 1}
    assert quantities(await customers.set_cart_item(ANN, uuid.uuid4(), 0)) == {cup: 1}


@pytest.mark.parametrize("quantity", [-1, MAX_QUANTITY + 1])
async def test_a_quantity_out_of_bounds_is_refused(customers: CustomersService, catalog: FakeCatalog, quantity: int):
    cup = catalog.add("cup", 20)
    await customers.set_cart_item(ANN, cup, 1)

    with pytest.raises(InvalidQuantity):
        await customers.set_cart_item(ANN, cup, quantity)

    assert quantities(await customers.get_cart(ANN)) == {cup: 1}


async def test_the_largest_quantity_is_accepted(customers: CustomersService, catalog: FakeCatalog):
    cup = catalog.add("cup", 20)

    cart = await customers.set_cart_item(ANN, cup, MAX_QUANTITY)

    assert cart.totals == [Money(20 * MAX_QUANTITY, "COIN")]


async def test_a_full_cart_takes_no_new_product_but_its_lines_still_change(
    customers: CustomersService, catalog: FakeCatalog
):
    products = [catalog.add(f"item-{i}", 1) for i in range(MAX_LINES + 1)]
    for product_id in products[:MAX_LINES]:
        await customers.set_cart_item(ANN, product_id, 1)

    with pytest.raises(CartFull):
        await customers.set_cart_item(ANN, products[-1], 1)

    assert products[-1] not in quantities(await customers.get_cart(ANN))
    cart = await customers.set_cart_item(ANN, products[0], 7)
    assert len(cart.lines) == MAX_LINES
    assert cart.totals == [Money(MAX_LINES + 6, "COIN")]


@pytest.mark.parametrize("in_catalog", [True, False], ids=["inactive", "unknown"])
async def test_a_product_not_on_sale_is_refused_and_nothing_changes(
    customers: CustomersService, catalog: FakeCatalog, in_catalog: bool
):
    cup = catalog.add("cup", 20)
    await customers.set_cart_item(ANN, cup, 1)
    refused = catalog.add("lamp", 2599, "EUR", active=False) if in_catalog else uuid.uuid4()

    with pytest.raises(ProductNotFound):
        await customers.set_cart_item(ANN, refused, 1)

    assert quantities(await customers.get_cart(ANN)) == {cup: 1}


async def test_the_cart_is_priced_now_with_a_total_per_currency_of_what_is_on_sale(
    customers: CustomersService, catalog: FakeCatalog
):
    cup, book, lamp = catalog.add("cup", 20), catalog.add("book", 50), catalog.add("lamp", 2599, "EUR")
    hoody, pen = catalog.add("hoody", 300), catalog.add("pen", 10)
    for product_id, quantity in [(cup, 2), (book, 1), (lamp, 1), (hoody, 1), (pen, 4)]:
        await customers.set_cart_item(ANN, product_id, quantity)
    catalog.take_off_sale(hoody)
    catalog.delete(pen)
    catalog.reprice(cup, 25)

    cart = await customers.get_cart(ANN)

    assert cart.lines == [
        CartLine(cup, 2, "cup", Money(25, "COIN"), available=True),
        CartLine(book, 1, "book", Money(50, "COIN"), available=True),
        CartLine(lamp, 1, "lamp", Money(2599, "EUR"), available=True),
        CartLine(hoody, 1, "hoody", Money(300, "COIN"), available=False),
        CartLine(pen, 4, "", None, available=False),
    ]
    assert [line.line_total for line in cart.lines] == [
        Money(50, "COIN"), Money(50, "COIN"), Money(2599, "EUR"), Money(300, "COIN"), None,
    ]  # fmt: skip
    assert cart.totals == [Money(100, "COIN"), Money(2599, "EUR")]


async def test_a_line_whose_product_went_off_sale_can_be_removed_but_not_grown(
    customers: CustomersService, catalog: FakeCatalog
):
    hoody = catalog.add("hoody", 300)
    await customers.set_cart_item(ANN, hoody, 1)
    catalog.take_off_sale(hoody)

    with pytest.raises(ProductNotFound):
        await customers.set_cart_item(ANN, hoody, 2)

    assert quantities(await customers.set_cart_item(ANN, hoody, 0)) == {}


# -- favourites --------------------------------------------------------------------------------------------


async def test_adding_a_favourite_twice_keeps_the_first(customers: CustomersService, catalog: FakeCatalog):
    cup = catalog.add("cup", 20)

    first = await customers.add_favourite(ANN, cup)
    again = await customers.add_favourite(ANN, cup)

    assert again == first
    assert (await customers.list_favourites(ANN, None, 0)).favourites == [first]
    assert (await customers.list_favourites(BOB, None, 0)).favourites == []


async def test_removing_a_favourite_twice_is_not_an_error(customers: CustomersService, catalog: FakeCatalog):
    cup = catalog.add("cup", 20)
    await customers.add_favourite(ANN, cup)

    await customers.remove_favourite(ANN, cup)
    await customers.remove_favourite(ANN, cup)

    assert (await customers.list_favourites(ANN, None, 0)).favourites == []


async def test_a_favourite_needs_a_product_catalog_has_on_sale_or_not(
    customers: CustomersService, catalog: FakeCatalog
):
    hoody = catalog.add("hoody", 300, active=False)

    with pytest.raises(ProductNotFound):
        await customers.add_favourite(ANN, uuid.uuid4())

    assert (await customers.add_favourite(ANN, hoody)).product_id == hoody


async def test_favourites_come_a_page_at_a_time_in_product_id_order(customers: CustomersService, catalog: FakeCatalog):
    products = [catalog.add(f"item-{i}", 1) for i in range(5)]
    for product_id in products:
        await customers.add_favourite(ANN, product_id)

    pages, cursor = [], None
    while True:
        page = await customers.list_favourites(ANN, cursor, 2)
        pages.append([favourite.product_id for favourite in page.favourites])
        if page.next_cursor is None:
            break
        cursor = page.next_cursor

    assert [len(page) for page in pages] == [2, 2, 1]
    assert [product_id for page in pages for product_id in page] == sorted(products)


async def test_a_bad_cursor_or_limit_is_refused(customers: CustomersService):
    with pytest.raises(InvalidCursor):
        await customers.list_favourites(ANN, "not a cursor!", 10)
    with pytest.raises(InvalidArgument):
        await customers.list_favourites(ANN, None, 101)


# -- callers -----------------------------------------------------------------------------------------------

USE_CASES: dict[str, Callable[[CustomersService, uuid.UUID], Awaitable[object]]] = {
    "get_cart": lambda customers, _: customers.get_cart(None),
    "set_cart_item": lambda customers, product_id: customers.set_cart_item(None, product_id, 1),
    "remove_cart_item": lambda customers, product_id: customers.remove_cart_item(None, product_id),
    "list_favourites": lambda customers, _: customers.list_favourites(None, None, 0),
    "add_favourite": lambda customers, product_id: customers.add_favourite(None, product_id),
    "remove_favourite": lambda customers, product_id: customers.remove_favourite(None, product_id),
}


@pytest.mark.parametrize("use_case", USE_CASES)
async def test_every_use_case_needs_a_signed_in_user(customers: CustomersService, catalog: FakeCatalog, use_case: str):
    with pytest.raises(Unauthenticated):
        await USE_CASES[use_case](customers, catalog.add("cup", 20))
