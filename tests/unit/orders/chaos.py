"""A bus that misbehaves as a broker may: it delivers every message twice, each copy a little late, so that
messages overtake one another. Everything else (routing, prefetch, retries, dead letters) is the MemoryBus's."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from services.platform.bus import Handler, Message, Subscription
from services.platform.bus.memory import MemoryBus


@dataclass(frozen=True)
class Failure:
    """A handler that raised: the MemoryBus retries it, but a saga handler should never need to."""

    routing_key: str
    message_id: str
    error: str


class ChaosBus(MemoryBus):
    """The in-process bus, with every published message handed over `copies` times, each after its own random
    delay of at most `max_delay` seconds (seeded, so a failing run's choices can be replayed).

    It also watches its handlers, to tell when nothing is in flight any more, and which of them failed.
    """

    def __init__(self, seed: int, copies: int = 2, max_delay: float = 0.02) -> None:
        super().__init__()
        self.copies = copies
        self.max_delay = max_delay
        self.published = 0
        self.overtaken = 0
        self.failures: list[Failure] = []
        self._random = random.Random(seed)
        self._in_transit: set[asyncio.Task[None]] = set()
        self._handling = 0
        self._latest_delivered = 0  # the publishing rank of the latest message handed over

    async def publish(self, messages: Sequence[Message]) -> None:
        self._ensure_open()
        for message in messages:
            self.published += 1
            for _ in range(self.copies):
                delay = self._random.uniform(0, self.max_delay)
                task = asyncio.create_task(self._deliver_later(message, self.published, delay))
                self._in_transit.add(task)
                task.add_done_callback(self._in_transit.discard)

    async def subscribe(self, subscription: Subscription) -> None:
        await super().subscribe(replace(subscription, handler=self._watched(subscription.handler)))

    async def broadcast(self, routing_keys: Sequence[str], handler: Handler) -> None:
        await super().broadcast(routing_keys, self._watched(handler))

    @property
    def busy(self) -> bool:
        return bool(self._in_transit) or self._handling > 0

    async def settle(self, quiet: float = 0.3, timeout: float = 20.0) -> None:
        """Returns once nothing was in transit or being handled for `quiet` seconds on end.

        Quiet for a while rather than idle once: a handler's commit reaches the bus through its service's outbox
        relay a moment after the handler returned.
        """
        deadline = time.monotonic() + timeout
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < quiet:
            if time.monotonic() > deadline:
                raise AssertionError(f"the bus did not settle within {timeout}s")
            if self.busy:
                quiet_since = time.monotonic()
            await asyncio.sleep(0.01)

    async def close(self) -> None:
        for task in self._in_transit:
            task.cancel()
        await asyncio.gather(*self._in_transit, return_exceptions=True)
        await super().close()

    async def _deliver_later(self, message: Message, rank: int, delay: float) -> None:
        """Hands the message over after `delay`, counting it as overtaken if a later-published one went first."""
        await asyncio.sleep(delay)
        if rank < self._latest_delivered:
            self.overtaken += 1
        self._latest_delivered = max(self._latest_delivered, rank)
        await super().publish([message])

    def _watched(self, handler: Handler) -> Handler:
        async def watched(message: Message) -> None:
            self._handling += 1
            try:
                await handler(message)
            except Exception as error:
                self.failures.append(Failure(message.routing_key, message.message_id, repr(error)))
                raise
            finally:
                self._handling -= 1

        return watched
