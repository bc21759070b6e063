"""Recently read products kept in process memory, so the hot read path skips the database."""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from collections.abc import Callable

from services.catalog.domain import Product


class ProductCache:
    """Entries live `ttl` seconds; writes made through this process drop their entry at once.

    Other processes' writes show after at most `ttl`: the bound on staleness across catalog replicas.
    A product read while a write through this process dropped entries is not kept: it may predate that write.
    """

    def __init__(self, ttl: float, max_entries: int = 10_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self.clock = clock
        self._entries: OrderedDict[uuid.UUID, tuple[float, Product]] = OrderedDict()
        self._drops = 0

    def get(self, product_id: uuid.UUID) -> Product | None:
        entry = self._entries.get(product_id)
        if entry is None:
            return None
        expires_at, product = entry
        if expires_at <= self.clock():
            del self._entries[product_id]
            return None
        return product

    def before_read(self) -> int:
        """The mark to `put` what is read next from the database with."""
        return self._drops

    def put(self, product: Product, read_at: int) -> None:
        """Keeps `product`, read from the database after `before_read` returned `read_at`, unless a drop came since."""
        if self.ttl <= 0 or read_at != self._drops:
            return
        self._entries[product.id] = (self.clock() + self.ttl, product)
        self._entries.move_to_end(product.id)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def drop(self, product_id: uuid.UUID) -> None:
        self._drops += 1
        self._entries.pop(product_id, None)
