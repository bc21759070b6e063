"""argon2id password hashing at OWASP's minimum (19 MiB, t=2, p=1), off the event loop, bounded."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

MEMORY_COST_KIB = 19 * 1024
TIME_COST = 2
PARALLELISM = 1


class Passwords:
    """Each hash takes ~19 MiB and tens of milliseconds, so at most `concurrency` run at once."""

    def __init__(self, concurrency: int) -> None:
        self._hasher = PasswordHasher(
            time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM, type=Type.ID
        )
        self._slots = asyncio.Semaphore(concurrency)
        self._decoy_hash: str | None = None

    async def hash(self, password: str) -> str:
        async with self._slots:
            return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        async with self._slots:
            return await asyncio.to_thread(self._verify, password_hash, password)

    async def spend_equal_time(self, password: str) -> None:
        """Verifies against a decoy so an unknown username costs as much as a wrong password."""
        if self._decoy_hash is None:
            self._decoy_hash = await self.hash("decoy-password")
        await self.verify(self._decoy_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
