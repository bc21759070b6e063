"""The bus inside one process (embedded mode): RabbitMQ's routing, prefetch, retries and dead letters on asyncio."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from services.platform.bus import Handler, Message, QueueDepth, Subscription
from services.platform.bus.topics import retry_delay, topic_matches

log = logging.getLogger(__name__)

BROADCAST_PREFETCH = 32
"""Handlers one broadcast runs at once, as the broker's prefetch does for a broadcast queue."""


@dataclass(eq=False)
class _Queue:
    """Messages routed to one queue, waiting for a consumer; a named queue also keeps its dead letters."""

    routing_keys: set[str]
    inbox: asyncio.Queue[Message] = field(default_factory=asyncio.Queue)
    dead: list[Message] = field(default_factory=list)

    def routes(self, routing_key: str) -> bool:
        return any(topic_matches(pattern, routing_key) for pattern in self.routing_keys)


@dataclass(frozen=True)
class _FailurePolicy:
    """What happens when a handler raises: retries after delays, then a dead letter (or, for broadcasts, nothing)."""

    max_attempts: int
    retry_delays: Sequence[float]
    keeps_dead_letters: bool


class _Consumer:
    """Takes messages from a queue in order, running at most `prefetch` handlers at once.

    A failed message waits out its retry delay off the queue, so later messages keep flowing meanwhile.
    """

    def __init__(self, queue: _Queue, handler: Handler, prefetch: int, policy: _FailurePolicy) -> None:
        if prefetch < 1:
            raise ValueError(f"prefetch must be at least 1, not {prefetch}")
        self._queue = queue
        self._handler = handler
        self._policy = policy
        self._slots = asyncio.Semaphore(prefetch)
        self._in_flight: set[asyncio.Task[None]] = set()
        self._retries: set[asyncio.TimerHandle] = set()
        self._stopped = False
        self._pump = asyncio.create_task(self._take_messages())

    async def stop(self) -> None:
        """Stops taking messages, waits for the handlers in progress, and forgets pending retries."""
        self._stopped = True
        self._pump.cancel()
        await asyncio.gather(self._pump, return_exceptions=True)
        await asyncio.gather(*self._in_flight, return_exceptions=True)
        for retry in self._retries:
            retry.cancel()
        self._retries.clear()

    async def _take_messages(self) -> None:
        while True:
            await self._slots.acquire()
            try:
                message = await self._queue.inbox.get()
            except BaseException:
                self._slots.release()
                raise
            task = asyncio.create_task(self._deliver(message))
            self._in_flight.add(task)
            task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        self._slots.release()

    async def _deliver(self, message: Message) -> None:
        try:
            await self._handler(message)
        except Exception as error:
            self._after_failure(message, error)

    def _after_failure(self, message: Message, error: Exception) -> None:
        policy = self._policy
        if message.attempt < policy.max_attempts:
            delay = retry_delay(policy.retry_delays, message.attempt)
            log.warning(
                "Handling %s (%s) failed on attempt %d; retrying in %.3gs: %r",
                message.message_id,
                message.routing_key,
                message.attempt,
                delay,
                error,
            )
            self._retry_later(replace(message, attempt=message.attempt + 1), delay)
        elif policy.keeps_dead_letters:
            log.error(
                "Handling %s (%s) failed %d times; dead-lettered",
                message.message_id,
                message.routing_key,
                message.attempt,
                exc_info=error,
            )
            self._queue.dead.append(message)
        else:
            log.error(
                "Broadcast handler failed on %s (%s); dropped", message.message_id, message.routing_key, exc_info=error
            )

    def _retry_later(self, message: Message, delay: float) -> None:
        def requeue() -> None:
            self._retries.discard(retry)
            if not self._stopped:
                self._queue.inbox.put_nowait(message)

        retry = asyncio.get_running_loop().call_later(delay, requeue)
        self._retries.add(retry)


class MemoryBus:
    """The Bus within one process: messages live only in memory, so it suits the embedded mode and tests.

    Publishing routes immediately to every queue bound so far (routing keys no queue is bound to are dropped,
    as on the broker); a queue keeps its messages while its consumers are busy.
    """

    def __init__(self) -> None:
        self._queues: dict[str, _Queue] = {}
        self._broadcasts: list[_Queue] = []
        self._consumers: list[_Consumer] = []
        self._closed = False

    async def start(self) -> None:
        """Nothing to connect to; kept for the Bus protocol."""

    async def ping(self) -> None:
        self._ensure_open()

    async def publish(self, messages: Sequence[Message]) -> None:
        self._ensure_open()
        for message in messages:
            delivered = replace(message, attempt=1)
            for queue in (*self._queues.values(), *self._broadcasts):
                if queue.routes(message.routing_key):
                    queue.inbox.put_nowait(delivered)

    async def subscribe(self, subscription: Subscription) -> None:
        self._ensure_open()
        queue = self._queues.setdefault(subscription.queue, _Queue(set()))
        queue.routing_keys.update(subscription.routing_keys)
        policy = _FailurePolicy(subscription.max_attempts, tuple(subscription.retry_delays), keeps_dead_letters=True)
        self._consumers.append(_Consumer(queue, subscription.handler, subscription.prefetch, policy))

    async def broadcast(self, routing_keys: Sequence[str], handler: Handler) -> None:
        self._ensure_open()
        queue = _Queue(set(routing_keys))
        self._broadcasts.append(queue)
        policy = _FailurePolicy(max_attempts=1, retry_delays=(), keeps_dead_letters=False)
        self._consumers.append(_Consumer(queue, handler, BROADCAST_PREFETCH, policy))

    async def dead_letters(self, queue: str) -> list[Message]:
        state = self._queues.get(queue)
        if state is None:
            return []
        taken, state.dead = state.dead, []
        return taken

    async def depth(self, queue: str) -> QueueDepth:
        state = self._queues.get(queue)
        return QueueDepth(0, 0) if state is None else QueueDepth(state.inbox.qsize(), len(state.dead))

    async def close(self) -> None:
        """Stops every consumer once its handlers in progress finish; undelivered messages are dropped."""
        if self._closed:
            return
        self._closed = True
        await asyncio.gather(*(consumer.stop() for consumer in self._consumers))
        self._consumers.clear()

    def _ensure_open(self) -> None:
        if self._closed:
            raise RuntimeError("the bus is closed")
