"""A small key-value store with expiry: Redis when configured, process memory in embedded mode."""

from __future__ import annotations

import time
from typing import Protocol

import redis.asyncio as redis


class KeyValue(Protocol):
    async def get(self, key: str) -> bytes | None: ...

    async def set(self, key: str, value: bytes, ttl_seconds: int, *, only_if_absent: bool = False) -> bool:
        """Stores `value`; with only_if_absent, returns False and changes nothing when the key exists."""
        ...

    async def delete(self, key: str) -> None: ...

    async def ping(self) -> None: ...

    async def close(self) -> None: ...


class MemoryKeyValue:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[bytes, float]] = {}

    async def get(self, key: str) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[1] <= time.monotonic():
            del self._entries[key]
            return None
        return entry[0]

    async def set(self, key: str, value: bytes, ttl_seconds: int, *, only_if_absent: bool = False) -> bool:
        if only_if_absent and await self.get(key) is not None:
            return False
        self._entries[key] = (value, time.monotonic() + ttl_seconds)
        return True

    async def delete(self, key: str) -> None:
        self._entries.pop(key, None)

    async def ping(self) -> None:
        return None

    async def close(self) -> None:
        self._entries.clear()


class RedisKeyValue:
    def __init__(self, url: str) -> None:
        self._client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    async def get(self, key: str) -> bytes | None:
        value = await self._client.get(key)
        return bytes(value) if value is not None else None

    async def set(self, key: str, value: bytes, ttl_seconds: int, *, only_if_absent: bool = False) -> bool:
        return bool(await self._client.set(key, value, ex=ttl_seconds, nx=only_if_absent))

    async def delete(self, key: str) -> None:
        await self._client.delete(key)

    async def ping(self) -> None:
        await self._client.ping()  # type: ignore[misc]  # redis' stubs type ping for both clients

    async def close(self) -> None:
        await self._client.aclose()


def open_key_value(redis_url: str | None) -> KeyValue:
    return RedisKeyValue(redis_url) if redis_url else MemoryKeyValue()
