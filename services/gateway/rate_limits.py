"""Rate limits at the gateway, counted in fixed windows by the `limits` library: in Redis in real mode (every
gateway process shares the counts), in process memory when embedded.

- Sign-ins and sign-ups per client address: login, register and the merch `/api/auth`, over REST and GraphQL
  alike (`AGORA_RATE_LIMIT_SIGN_INS_PER_ADDRESS`).
- Wrong passwords per account: past `AGORA_RATE_LIMIT_WRONG_PASSWORDS_PER_ACCOUNT`, every sign-in to the account
  is refused until the window ends, the right password included; that is what stops guessing.
- Requests per user: every authenticated request counts against `AGORA_RATE_LIMIT_REQUESTS_PER_USER`. Each gateway
  process takes a user's budget a lease at a time (a hundredth of it, at most 32 requests), counted in the store at
  once, and spends the lease locally: one store round trip per lease instead of one per request. A lease is never
  more than what is left, so no more requests pass than the limit; the leases a process holds when a window ends
  are lost, so a user is refused at most a lease per gateway process early.

A refusal is 429 `rate_limited` with Retry-After (400 under /api, whose contract knows no 429). A limit set to ""
is off. When the store does not answer, requests pass and a warning is logged: a limit is not worth an outage.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import redis.asyncio as redis
from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import FixedWindowRateLimiter

from services.platform.context import Principal
from services.platform.rest import ProblemError
from services.platform.settings import Settings

log = logging.getLogger(__name__)

client_address: ContextVar[str] = ContextVar("client_address", default="-")
"""The address the request came from (uvicorn takes it from X-Forwarded-For when the peer is a trusted proxy)."""


def limit_of(text: str) -> RateLimitItem | None:
    return parse(text) if text.strip() else None


def hashed(name: str) -> str:
    """A bounded, opaque key for a client-chosen name."""
    return hashlib.sha256(name.encode()).hexdigest()[:32]


LEASES_PER_WINDOW = 100
MAX_LEASE = 32
MAX_HELD_LEASES = 100_000


@dataclass
class Lease:
    left: int
    until: float
    """When the window it was counted in ends (epoch seconds)."""


class Leases:
    """A limit's units taken from the store a lease at a time and spent in this process."""

    def __init__(self, storage: Storage, item: RateLimitItem) -> None:
        self._storage = storage
        self.item = item
        self.size = max(1, min(MAX_LEASE, item.amount // LEASES_PER_WINDOW))
        self._held: dict[str, Lease] = {}

    async def take(self, item: RateLimitItem, *identifiers: str) -> bool:
        """Spends one unit of the key's lease, taking a new lease when it is spent; False when none is left."""
        key = item.key_for(*identifiers)
        lease = self._held.get(key)
        if lease is not None and lease.left > 0 and lease.until > time.time():
            lease.left -= 1
            return True
        asked_at = time.time()
        counted = await self._storage.incr(key, item.get_expiry(), amount=self.size)
        granted = min(self.size, item.amount - (counted - self.size))
        if granted <= 0:
            return False
        if granted > 1:
            # This lease opened the window (it ends an expiry after it, no sooner than this reckons), or the
            # store says when the open one ends.
            opened = counted == self.size
            until = asked_at + item.get_expiry() if opened else await self._storage.get_expiry(key)
            self._hold(key, Lease(granted - 1, until))
        return True

    def _hold(self, key: str, lease: Lease) -> None:
        if len(self._held) >= MAX_HELD_LEASES:
            now = time.time()
            self._held = {key: held for key, held in self._held.items() if held.until > now}
            if len(self._held) >= MAX_HELD_LEASES:
                self._held.clear()  # what they held is counted already: their users are refused a little early
        self._held[key] = lease


class RateLimits:
    def __init__(self, settings: Settings) -> None:
        self._pool: redis.ConnectionPool | None = None
        storage: Storage = MemoryStorage()
        if settings.redis_url:
            self._pool = redis.ConnectionPool.from_url(settings.redis_url, socket_timeout=2)
            prefix = f"{settings.event_namespace}:limits"
            pool: Any = self._pool  # RedisStorage types its options narrower than it reads them
            storage = RedisStorage(
                settings.redis_url, implementation="redispy", connection_pool=pool, key_prefix=prefix
            )
        self._limiter = FixedWindowRateLimiter(storage)
        self.sign_ins_per_address = limit_of(settings.rate_limit_sign_ins_per_address)
        self.wrong_passwords_per_account = limit_of(settings.rate_limit_wrong_passwords_per_account)
        requests_per_user = limit_of(settings.rate_limit_requests_per_user)
        self._requests_per_user = None if requests_per_user is None else Leases(storage, requests_per_user)

    async def sign_in(self, username: str) -> None:
        """Before a sign-in or sign-up: counts it for the client's address, and refuses it while the account has
        had too many wrong passwords."""
        if self.sign_ins_per_address is not None:
            await self._take(self.sign_ins_per_address, "sign-ins from this address", "address", client_address.get())
        if self.wrong_passwords_per_account is not None:
            await self._check(self.wrong_passwords_per_account, "wrong passwords", "account", hashed(username))

    async def wrong_password(self, username: str) -> None:
        if self.wrong_passwords_per_account is not None:
            await self._take(self.wrong_passwords_per_account, "wrong passwords", "account", hashed(username))

    async def request_by(self, principal: Principal) -> None:
        if (budget := self._requests_per_user) is not None:
            await self._enforce(budget.take, budget.item, "requests", ("user", principal.user_id))

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()

    async def _take(self, item: RateLimitItem, what: str, *key: str) -> None:
        """Counts one more, and refuses it beyond the limit."""
        await self._enforce(self._limiter.hit, item, what, key)

    async def _check(self, item: RateLimitItem, what: str, *key: str) -> None:
        """Refuses while the limit is reached, counting nothing."""
        await self._enforce(self._limiter.test, item, what, key)

    async def _enforce(
        self, allows: Callable[..., Awaitable[bool]], item: RateLimitItem, what: str, key: tuple[str, ...]
    ) -> None:
        try:
            allowed = await allows(item, *key)
        except (redis.RedisError, OSError) as error:
            log.warning("rate limits unavailable, letting the request pass: %r", error)
            return
        if not allowed:
            raise await self._refusal(item, what, key)

    async def _refusal(self, item: RateLimitItem, what: str, key: tuple[str, ...]) -> ProblemError:
        try:
            reset_at = (await self._limiter.get_window_stats(item, *key)).reset_time
        except (redis.RedisError, OSError):
            reset_at = time.time() + item.get_expiry()
        wait = max(1, math.ceil(reset_at - time.time()))
        return ProblemError(
            429, "rate_limited", f"too many {what}; try again in {wait} s", headers={"Retry-After": str(wait)}
        )
