"""UUIDv7 ids: time-ordered, so keyset pagination by id is oldest first.

Within one process ids are strictly increasing, even within a millisecond (RFC 9562, method 3: the random
bits of an id made in the same millisecond as the previous one are the previous ones plus one), so rows
created one after the other by one process list in that order.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Sequence

from services.platform.errors import AgoraError, InvalidArgument

RANDOM_BITS = 74  # rand_a (12 bits) and rand_b (62 bits), read as one counter
_last = (0, 0)  # (unix ms, random bits) of the previous id


def uuid7() -> uuid.UUID:
    global _last
    unix_ms = time.time_ns() // 1_000_000
    random_bits = int.from_bytes(os.urandom(10), "big") >> (80 - RANDOM_BITS)
    last_ms, last_bits = _last
    if unix_ms <= last_ms:  # the same millisecond (or the clock stepped back): one more than the last
        unix_ms, random_bits = last_ms, last_bits + 1
        if random_bits >> RANDOM_BITS:
            unix_ms, random_bits = last_ms + 1, 0
    _last = (unix_ms, random_bits)
    value = (unix_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= (random_bits >> 62) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= random_bits & ((1 << 62) - 1)  # rand_b
    return uuid.UUID(int=value)


def id_named(raw: str, what: str, missing: type[AgoraError]) -> uuid.UUID:
    """The id a request names; a text that is not a UUID names no such thing, so `missing` is raised."""
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise missing(f"no {what} {raw!r}") from None


MAX_BATCH = 100
"""How many ids one batch read names at most."""


def ids_named(raws: Sequence[str], what: str) -> list[uuid.UUID]:
    """The ids a batch read names, in order; more than MAX_BATCH, or one that is not a UUID, is invalid."""
    if len(raws) > MAX_BATCH:
        raise InvalidArgument(f"at most {MAX_BATCH} {what} ids at once")
    return [id_named(raw, what, InvalidArgument) for raw in raws]
