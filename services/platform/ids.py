"""UUIDv7 ids: time-ordered, so keyset pagination by id is oldest first."""

from __future__ import annotations

import os
import time
import uuid


def uuid7() -> uuid.UUID:
    unix_ms = time.time_ns() // 1_000_000
    random_bits = int.from_bytes(os.urandom(10), "big")
    value = (unix_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= (random_bits >> 68) << 64 & (0xFFF << 64)  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= random_bits & ((1 << 62) - 1)  # rand_b
    return uuid.UUID(int=value)
