"""Auto-pagination: walks a cursor-paginated listing, page after page, until no next cursor comes back."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

from agora_sdk._generated.models import Product, ProductPage
from agora_sdk._generated.types import Unset


def iterate_products(fetch: Callable[[str | None], ProductPage]) -> Iterator[Product]:
    """Every product of every page; `fetch` gets the cursor (None for the first page)."""
    cursor: str | None = None
    while True:
        page = fetch(cursor)
        yield from page.items
        cursor = next_cursor(page)
        if cursor is None:
            return


async def aiterate_products(fetch: Callable[[str | None], Awaitable[ProductPage]]) -> AsyncIterator[Product]:
    """Every product of every page; `fetch` gets the cursor (None for the first page)."""
    cursor: str | None = None
    while True:
        page = await fetch(cursor)
        for product in page.items:
            yield product
        cursor = next_cursor(page)
        if cursor is None:
            return


def next_cursor(page: ProductPage) -> str | None:
    return None if isinstance(page.next_cursor, Unset) or not page.next_cursor else page.next_cursor
