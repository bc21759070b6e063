"""The one way services publish and consume events: a topic bus on RabbitMQ, or in-process when embedded."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    """One event on the wire: its routing key (the event type), the serialized envelope, and the event id."""

    routing_key: str
    body: bytes
    message_id: str
    # 1 on first delivery; the bus counts redeliveries after failed handling.
    attempt: int = 1


@dataclass(frozen=True)
class QueueDepth:
    waiting: int
    dead: int


Handler = Callable[[Message], Awaitable[None]]
"""Handles one message; returning acknowledges it, raising schedules a retry (or dead-letters it)."""


@dataclass(frozen=True)
class Subscription:
    """A durable, competing-consumer queue of one service for one purpose, bound to some routing keys."""

    queue: str
    routing_keys: Sequence[str]
    handler: Handler
    # At most the database pool's size (AGORA_DATABASE_POOL_SIZE), so handlers never wait for a connection.
    prefetch: int = 8
    max_attempts: int = 5
    # The wait before attempt 2, 3, ...; the last delay repeats when there are more attempts than delays.
    retry_delays: Sequence[float] = field(default=(0.2, 1.0, 5.0, 30.0))


class Bus(Protocol):
    async def start(self) -> None:
        """Connects and declares the exchange; idempotent."""

    async def publish(self, messages: Sequence[Message]) -> None:
        """Returns once the broker has confirmed every message (persistent); raises if it could not."""

    async def subscribe(self, subscription: Subscription) -> None:
        """Declares the queue, its retry and dead-letter queues and bindings (idempotently) and starts consuming."""

    async def broadcast(self, routing_keys: Sequence[str], handler: Handler) -> None:
        """Every instance gets every matching message: an exclusive queue of this process; no retries."""

    async def dead_letters(self, queue: str) -> list[Message]:
        """Takes and returns the messages dead-lettered from `queue` (operators and tests)."""

    async def depth(self, queue: str) -> QueueDepth:
        """How many deliveries wait in `queue` and in its dead letters (for metrics; takes none of them)."""

    async def ping(self) -> None:
        """Raises unless the bus can deliver now (for readiness checks)."""

    async def close(self) -> None:
        """Stops consuming (letting handlers in progress finish) and disconnects."""


def open_bus(amqp_url: str | None, namespace: str) -> Bus:
    """RabbitMQ when a URL is configured; otherwise in-process delivery, which reaches only this process."""
    if amqp_url:
        from services.platform.bus.rabbitmq import RabbitMqBus

        return RabbitMqBus(amqp_url, exchange=f"{namespace}.events")
    from services.platform.bus.memory import MemoryBus

    return MemoryBus()


async def start_consuming(
    bus: Bus, setups: Sequence[Callable[[], Awaitable[None]]], retry_seconds: float = 1.0
) -> asyncio.Task[None] | None:
    """Connects and runs `setups` (subscribe, broadcast); if the broker is away, keeps trying in the background.

    A service must serve what needs only its database while the broker is down: its outbox keeps the events.
    Returns the background task when it had to wait (cancel it on shutdown), None when all is set up.
    """
    try:
        await bus.start()
    except Exception as error:
        log.warning("the broker is unreachable (%s); consumers start when it is back", error)
        return asyncio.create_task(_consume_when_reachable(bus, setups, retry_seconds))
    for setup in setups:
        await setup()
    return None


async def _consume_when_reachable(
    bus: Bus, setups: Sequence[Callable[[], Awaitable[None]]], retry_seconds: float
) -> None:
    while True:
        await asyncio.sleep(retry_seconds)
        try:
            await bus.start()
        except Exception:
            continue
        break
    for setup in setups:
        await setup()
    log.info("connected to the broker; consumers started")
