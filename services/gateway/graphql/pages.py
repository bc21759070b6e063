"""Relay connections over agora.v1's cursor pages.

A REST page is fetched with (cursor, limit) and names the cursor of the next page. An edge's cursor is that page's
starting cursor with the edge's position in it, so a client may resume after any edge, not only the last.
"""

from __future__ import annotations

import binascii
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from services.gateway.graphql.codes import refusal
from services.gateway.graphql.ids import opaque, unwrapped

MAX_FIRST = 100
Fetch = Callable[[str | None, int], Awaitable[tuple[Sequence[Any], str | None]]]
"""Fetches up to `limit` items from a REST cursor (None: the start); returns them and the next page's cursor."""


@dataclass(frozen=True)
class Position:
    page_cursor: str | None
    index: int


def edge_cursor(position: Position) -> str:
    return opaque(json.dumps([position.page_cursor, position.index]))


def parse_cursor(value: str) -> Position:
    try:
        page_cursor, index = json.loads(unwrapped(value))
        if not (page_cursor is None or isinstance(page_cursor, str)) or not isinstance(index, int) or index < 0:
            raise ValueError(value)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        raise refusal(f"{value!r} is not a cursor of this list", "invalid_cursor") from None
    return Position(page_cursor, index)


def checked_first(first: int | None) -> int:
    if first is None:
        return 20
    if not 1 <= first <= MAX_FIRST:
        raise refusal(f"first is from 1 to {MAX_FIRST}", "invalid_first")
    return first


async def connection(fetch: Fetch, first: int | None, after: str | None) -> dict[str, Any]:
    """Up to `first` items after the edge `after` names (or from the start); fewer when they straddle two pages."""
    size = checked_first(first)
    start = parse_cursor(after) if after is not None else Position(None, -1)
    page_cursor, skip = start.page_cursor, start.index + 1
    while True:
        fetched, next_cursor = await fetch(page_cursor, min(skip + size, MAX_FIRST))
        if skip < len(fetched) or next_cursor is None:
            break
        page_cursor, skip = next_cursor, skip - len(fetched)  # `after` was the last edge of its page
    items = list(fetched)[skip : skip + size]
    edges = [{"cursor": edge_cursor(Position(page_cursor, skip + i)), "node": item} for i, item in enumerate(items)]
    return {
        "edges": edges,
        "nodes": items,
        "page_info": {
            "has_next_page": len(fetched) > skip + size or next_cursor is not None,
            "has_previous_page": page_cursor is not None or skip > 0,
            "start_cursor": edges[0]["cursor"] if edges else None,
            "end_cursor": edges[-1]["cursor"] if edges else None,
        },
    }
