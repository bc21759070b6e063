"""customers' use cases: a signed-in user's cart (priced from catalog when read) and favourite products."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Protocol

from services.customers.adapters.unit_of_work import CustomersUnitOfWork
from services.customers.domain import (
    Cart,
    CartItem,
    Favourite,
    ProductNotFound,
    check_line_count,
    checked_quantity,
    priced,
)
from services.platform.catalog_client import ProductInfo
from services.platform.clock import Clock, utc_now
from services.platform.context import Principal
from services.platform.cursors import decode_cursor, encode_cursor, page_size
from services.platform.errors import Unauthenticated


class Catalog(Protocol):
    """What the use cases ask of catalog (adapters/catalog.py's ProductDirectory answers over gRPC)."""

    async def products(self, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, ProductInfo]: ...


@dataclass(frozen=True)
class Page:
    favourites: list[Favourite]
    next_cursor: str | None


def user_of(principal: Principal | None) -> uuid.UUID:
    if principal is None:
        raise Unauthenticated("a cart and favourites belong to a signed-in user")
    return uuid.UUID(principal.user_id)


class CustomersService:
    def __init__(
        self, unit_of_work: Callable[[], CustomersUnitOfWork], catalog: Catalog, clock: Clock = utc_now
    ) -> None:
        self.unit_of_work = unit_of_work
        self.catalog = catalog
        self.clock = clock

    # -- cart ----------------------------------------------------------------------------------------------

    async def get_cart(self, principal: Principal | None) -> Cart:
        user_id = user_of(principal)
        async with self.unit_of_work() as uow:
            items = await uow.carts.items(user_id)
        return await self._priced(items)

    async def set_cart_item(self, principal: Principal | None, product_id: uuid.UUID, quantity: int) -> Cart:
        """Sets the line's quantity, adding the product when it is not in the cart; 0 removes the line.

        A product on sale is required for any other quantity, so a line of a product that is gone can be
        removed but not grown.
        """
        user_id = user_of(principal)
        if checked_quantity(quantity) == 0:
            return await self.remove_cart_item(principal, product_id)
        await self._existing(product_id, on_sale=True)
        async with self.unit_of_work() as uow:
            await uow.carts.take_turn(user_id)
            await self._not_being_deleted(uow, product_id)
            await uow.carts.put(user_id, product_id, quantity, self.clock())
            check_line_count(await uow.carts.line_count(user_id))
            items = await uow.carts.items(user_id)
            await uow.commit()
        return await self._priced(items)

    async def remove_cart_item(self, principal: Principal | None, product_id: uuid.UUID) -> Cart:
        """Takes the product out of the cart; a product that is not in it leaves the cart as it is."""
        user_id = user_of(principal)
        async with self.unit_of_work() as uow:
            await uow.carts.remove(user_id, product_id)
            items = await uow.carts.items(user_id)
            await uow.commit()
        return await self._priced(items)

    async def clear_ordered(self, user_id: uuid.UUID, product_ids: list[uuid.UUID]) -> None:
        """A paid order's products leave the cart (whatever else was added meanwhile stays); once is enough."""
        async with self.unit_of_work() as uow:
            await uow.carts.take_turn(user_id)
            for product_id in product_ids:
                await uow.carts.remove(user_id, product_id)
            await uow.commit()

    async def _priced(self, items: list[CartItem]) -> Cart:
        """Prices are catalog's at the time of reading: a cart keeps no price of its own to go stale."""
        return priced(items, await self.catalog.products([item.product_id for item in items]))

    # -- favourites ----------------------------------------------------------------------------------------

    async def list_favourites(self, principal: Principal | None, cursor: str | None, limit: int) -> Page:
        """The user's favourites in product id order (for catalog's UUIDv7 ids, the order products were created).

        Not newest first: a cursor is one id, and the last product id stays a valid position even when that
        favourite is removed before the next page is asked for, where a time would need the row it came from.
        """
        user_id, size = user_of(principal), page_size(limit)
        after = decode_cursor(cursor) if cursor else None
        async with self.unit_of_work() as uow:
            found = await uow.favourites.page(user_id, after, size + 1)
        page = found[:size]
        return Page(page, encode_cursor(page[-1].product_id) if len(found) > size else None)

    async def add_favourite(self, principal: Principal | None, product_id: uuid.UUID) -> Favourite:
        """Adds a product catalog has, on sale or not (a favourite may wait for it to come back).

        Adding it again changes nothing: the favourite keeps the time it was first added.
        """
        user_id = user_of(principal)
        await self._existing(product_id, on_sale=False)
        async with self.unit_of_work() as uow:
            await self._not_being_deleted(uow, product_id)
            favourite = await uow.favourites.add(user_id, product_id, self.clock())
            await uow.commit()
        return favourite

    async def remove_favourite(self, principal: Principal | None, product_id: uuid.UUID) -> None:
        """Removes the favourite; removing one the user does not have is not an error."""
        user_id = user_of(principal)
        async with self.unit_of_work() as uow:
            await uow.favourites.remove(user_id, product_id)
            await uow.commit()

    # -- catalog -------------------------------------------------------------------------------------------

    async def _existing(self, product_id: uuid.UUID, *, on_sale: bool) -> None:
        """Refuses a product catalog does not have, or (when `on_sale`) has but does not sell."""
        product = (await self.catalog.products([product_id])).get(product_id)
        if product is None or (on_sale and not product.active):
            raise ProductNotFound(f"no product {product_id}{' on sale' if on_sale else ''}")

    @staticmethod
    async def _not_being_deleted(uow: CustomersUnitOfWork, product_id: uuid.UUID) -> None:
        """A product whose references a deletion set aside (or dropped) takes no new ones."""
        if await uow.deletions.is_being_deleted(product_id):
            raise ProductNotFound(f"no product {product_id}")
