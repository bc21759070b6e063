"""Rules both buses share: RabbitMQ's topic matching (the in-process bus routes like the broker) and retry delays."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache


def words(key: str) -> tuple[str, ...]:
    """The dot-separated words of a routing key or pattern; the empty key has no words, as in RabbitMQ."""
    return tuple(key.split(".")) if key else ()


def topic_matches(pattern: str, routing_key: str) -> bool:
    """Whether a binding pattern matches a routing key: `*` is exactly one word, `#` is zero or more words."""
    return _matches(words(pattern), words(routing_key))


@lru_cache(maxsize=4096)
def _matches(pattern: tuple[str, ...], key: tuple[str, ...]) -> bool:
    # reachable[j]: the pattern's words consumed so far can match the key's first j words.
    reachable = [True] + [False] * len(key)
    for word in pattern:
        if word == "#":
            for j in range(1, len(key) + 1):
                reachable[j] = reachable[j] or reachable[j - 1]
        else:
            reachable = [False] + [reachable[j] and (word == "*" or word == key[j]) for j in range(len(key))]
    return reachable[len(key)]


def retry_delay(retry_delays: Sequence[float], failed_attempt: int) -> float:
    """Seconds to wait before retrying after attempt `failed_attempt` (1-based) failed; the last delay repeats."""
    if not retry_delays:
        return 0.0
    return max(0.0, retry_delays[min(failed_attempt, len(retry_delays)) - 1])
