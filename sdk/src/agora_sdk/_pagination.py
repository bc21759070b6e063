"""Auto-pagination: walks a cursor-paginated listing, page after page, until no next cursor comes back."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Protocol, TypeVar

_ItemT = TypeVar("_ItemT")
_ItemT_co = TypeVar("_ItemT_co", covariant=True)


class Page(Protocol[_ItemT_co]):
    """One page of a listing: its items, and the cursor of the next page when there may be one."""

    @property
    def items(self) -> Sequence[_ItemT_co]: ...

    @property
    def next_cursor(self) -> str | None: ...


def iterate_pages(fetch: Callable[[str | None], Page[_ItemT]]) -> Iterator[_ItemT]:
    """Every item of every page; `fetch` gets the cursor (None for the first page)."""
    cursor: str | None = None
    while True:
        page = fetch(cursor)
        yield from page.items
        cursor = next_cursor(page)
        if cursor is None:
            return


async def aiterate_pages(fetch: Callable[[str | None], Awaitable[Page[_ItemT]]]) -> AsyncIterator[_ItemT]:
    """Every item of every page; `fetch` gets the cursor (None for the first page)."""
    cursor: str | None = None
    while True:
        page = await fetch(cursor)
        for item in page.items:
            yield item
        cursor = next_cursor(page)
        if cursor is None:
            return


def next_cursor(page: Page[object]) -> str | None:
    return page.next_cursor or None
