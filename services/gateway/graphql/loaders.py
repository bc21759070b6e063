"""Per-request loading: each object is fetched once per request however many fields ask for it, and the keys
asked for in the same turn of the event loop go to the service in one batch call."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from typing import Any

MAX_BATCH = 100
"""How many keys one batch call carries (the services' own bound)."""

FetchMany = Callable[[Sequence[Any]], Awaitable[Mapping[Any, Any]]]
"""Fetches many keys at once; a key missing from the answer has no value (None)."""


class BatchLoader:
    """Loads values by key: a key's first load joins the next batch, a later one shares its result or error."""

    def __init__(self, fetch_many: FetchMany) -> None:
        self.fetch_many = fetch_many
        self._loads: dict[Hashable, asyncio.Future[Any]] = {}
        self._queued: list[Hashable] = []

    def load(self, key: Hashable) -> asyncio.Future[Any]:
        started = self._loads.get(key)
        if started is not None:
            return started
        loop = asyncio.get_running_loop()
        future = self._loads[key] = loop.create_future()
        self._queued.append(key)
        if len(self._queued) == 1:  # the first key of a batch: send it once this turn of the loop is over
            loop.call_soon(lambda: asyncio.ensure_future(self._dispatch()))
        return future

    async def _dispatch(self) -> None:
        keys, self._queued = self._queued, []
        await asyncio.gather(*(self._fetch(keys[i : i + MAX_BATCH]) for i in range(0, len(keys), MAX_BATCH)))

    async def _fetch(self, keys: list[Hashable]) -> None:
        try:
            found = await self.fetch_many(keys)
        except Exception as error:
            for key in keys:
                self._loads[key].set_exception(error)
            return
        for key in keys:
            self._loads[key].set_result(found.get(key))


class Loads:
    """A request's loaders, by name; each is made by the first field that needs it."""

    def __init__(self) -> None:
        self._loaders: dict[str, BatchLoader] = {}

    def loader(self, name: str, fetch_many: FetchMany) -> BatchLoader:
        found = self._loaders.get(name)
        if found is None:
            found = self._loaders[name] = BatchLoader(fetch_many)
        return found
