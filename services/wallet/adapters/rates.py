"""Conversion rates in the key-value store (Redis, or process memory embedded), each expiring after its TTL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from services.platform.cache import KeyValue
from services.platform.clock import Clock, utc_now
from services.wallet.domain import MINOR_UNIT_DIGITS


@dataclass(frozen=True)
class Rate:
    base: str
    quote: str
    # Units of quote per unit of base.
    value: Decimal
    expires_at: datetime


class RateBook:
    def __init__(self, store: KeyValue, namespace: str, ttl_seconds: int, clock: Clock = utc_now) -> None:
        self.store = store
        self.namespace = namespace
        self.ttl_seconds = ttl_seconds
        self.clock = clock

    def _key(self, base: str, quote: str) -> str:
        return f"{self.namespace}:wallet:rate:{base}:{quote}"

    async def set(self, base: str, quote: str, value: Decimal) -> Rate:
        rate = Rate(base, quote, value, self.clock() + timedelta(seconds=self.ttl_seconds))
        body = json.dumps({"rate": format(value, "f"), "expires_at": rate.expires_at.isoformat()}).encode()
        await self.store.set(self._key(base, quote), body, self.ttl_seconds)
        return rate

    async def get(self, base: str, quote: str) -> Rate | None:
        """The rate if one was set and has not expired."""
        raw = await self.store.get(self._key(base, quote))
        if raw is None:
            return None
        stored = json.loads(raw)
        rate = Rate(base, quote, Decimal(stored["rate"]), datetime.fromisoformat(stored["expires_at"]))
        return rate if rate.expires_at > self.clock() else None

    async def all(self) -> list[Rate]:
        """Every rate in force, by base then quote."""
        found = [
            await self.get(base, quote) for base in MINOR_UNIT_DIGITS for quote in MINOR_UNIT_DIGITS if base != quote
        ]
        return [rate for rate in found if rate is not None]
