"""argon2id password hashing at OWASP's minimum (19 MiB, t=2, p=1), off the event loop, bounded.

A verification that succeeded (or a hash just made) is remembered for a while, so a user logging in again with the
same password skips the hash (26 ms of CPU here): in this process only, at most MAX_REMEMBERED, each for
REMEMBER_SECONDS, keyed by an HMAC (a secret of this process) of the stored hash and the password, never the
password itself. A changed password has another stored hash, so nothing remembered matches it; a wrong password is
never remembered and always costs the full hash.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

MEMORY_COST_KIB = 19 * 1024
TIME_COST = 2
PARALLELISM = 1
MAX_REMEMBERED = 10_000
REMEMBER_SECONDS = 600.0


class RememberedVerifications:
    """Successful verifications by keyed hash, each until it expires; the least recently used go first."""

    def __init__(
        self,
        capacity: int = MAX_REMEMBERED,
        seconds: float = REMEMBER_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = capacity
        self.seconds = seconds
        self._clock = clock
        self._secret = secrets.token_bytes(32)
        self._expiries: OrderedDict[bytes, float] = OrderedDict()

    def key(self, password_hash: str, password: str) -> bytes:
        message = password_hash.encode() + b"\0" + password.encode()
        return hmac.new(self._secret, message, hashlib.sha256).digest()

    def recalls(self, key: bytes) -> bool:
        expires_at = self._expiries.get(key)
        if expires_at is None:
            return False
        if expires_at <= self._clock():
            del self._expiries[key]
            return False
        self._expiries.move_to_end(key)
        return True

    def remember(self, key: bytes) -> None:
        self._expiries[key] = self._clock() + self.seconds
        self._expiries.move_to_end(key)
        while len(self._expiries) > self.capacity:
            self._expiries.popitem(last=False)


class Passwords:
    """Each hash takes ~19 MiB and tens of milliseconds, so at most `concurrency` run at once."""

    def __init__(self, concurrency: int, remembered: RememberedVerifications | None = None) -> None:
        self._hasher = PasswordHasher(
            time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM, type=Type.ID
        )
        self._slots = asyncio.Semaphore(concurrency)
        self._decoy_hash: str | None = None
        self._remembered = remembered if remembered is not None else RememberedVerifications()

    async def hash(self, password: str) -> str:
        """A new stored hash of `password`; a log in with it right after (a user just registered) skips the hash."""
        async with self._slots:
            password_hash = await asyncio.to_thread(self._hasher.hash, password)
        self._remembered.remember(self._remembered.key(password_hash, password))
        return password_hash

    async def verify(self, password_hash: str, password: str) -> bool:
        key = self._remembered.key(password_hash, password)
        if self._remembered.recalls(key):
            return True
        verified = await self._verify_by_hash(password_hash, password)
        if verified:
            self._remembered.remember(key)
        return verified

    async def spend_equal_time(self, password: str) -> None:
        """Verifies against a decoy so an unknown username costs as much as a wrong password."""
        if self._decoy_hash is None:
            async with self._slots:
                self._decoy_hash = await asyncio.to_thread(self._hasher.hash, secrets.token_urlsafe(16))
        await self._verify_by_hash(self._decoy_hash, password)  # never remembered: always the full cost

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)

    async def _verify_by_hash(self, password_hash: str, password: str) -> bool:
        async with self._slots:
            return await asyncio.to_thread(self._verify, password_hash, password)

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
