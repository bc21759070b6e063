"""Tokens this process has verified, each with what it proved, until its expiry: verifying a signature again
for every request is the largest cost of an authenticated call otherwise. Bounded; the least recently used go
first. Keyed by the whole token, so a changed byte is a different token, verified afresh."""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Generic, TypeVar

Proven = TypeVar("Proven")

MAX_VERIFIED_TOKENS = 10_000
"""Tokens one process keeps verified: a few MB, more than the callers active within a token's lifetime."""


class VerifiedTokens(Generic[Proven]):
    def __init__(self, capacity: int = MAX_VERIFIED_TOKENS) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[str, tuple[Proven, float]] = OrderedDict()

    def get(self, token: str) -> Proven | None:
        entry = self._entries.get(token)
        if entry is None:
            return None
        proven, expires_at = entry
        if expires_at <= time.time():  # as PyJWT judges `exp` (no leeway): expired from that second on
            del self._entries[token]
            return None
        self._entries.move_to_end(token)
        return proven

    def put(self, token: str, proven: Proven, expires_at: float) -> None:
        self._entries[token] = (proven, expires_at)
        self._entries.move_to_end(token)
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)
