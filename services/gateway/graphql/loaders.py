"""Per-request loading: each object is fetched once per request however many fields ask for it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Any


class Loads:
    """A request's fetches by key; a key asked for again shares the first fetch (and its result or error)."""

    def __init__(self) -> None:
        self._started: dict[Hashable, asyncio.Future[Any]] = {}

    async def load(self, key: Hashable, fetch: Callable[[], Awaitable[Any]]) -> Any:
        started = self._started.get(key)
        if started is None:
            started = self._started[key] = asyncio.ensure_future(fetch())
        return await asyncio.shield(started)
