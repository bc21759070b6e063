"""`agora dead-letters`: the broker's dead letters, read without taking them, and replayed to their queues.

Listing takes each dead letter with basic.get and no acknowledgement, holds them all, then hands them back with one
nack (requeue): a message is never out of the broker, and should this process die while holding them the broker
requeues them itself when the connection drops. Replaying publishes a copy to the original queue (the default
exchange, the queue's name, as the retry path does), waits for the broker's confirmation, and only then
acknowledges the dead letter; dying between the two leaves it in both places (delivered twice, never lost).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import aio_pika
import aiormq
from aio_pika.abc import AbstractChannel, AbstractConnection, AbstractIncomingMessage, AbstractQueue
from google.protobuf.message import DecodeError

from agora.events.v1.envelope_pb2 import Envelope
from services.operator.broker import connected, known_queue, known_queues
from services.operator.errors import CliError, broker_place, reason_of
from services.operator.table import age, table
from services.platform.bus.rabbitmq import ATTEMPT_HEADER, ERROR_HEADER, ROUTING_KEY_HEADER, dead_letter_queue_name
from services.platform.clock import utc_now
from services.platform.settings import Settings

PUBLISH_TIMEOUT = 10.0
REASON_WIDTH = 100
"""Characters of a failure reason the table shows (--json has all of it)."""


@dataclass(frozen=True)
class DeadLetter:
    event_id: str
    routing_key: str
    attempts: int
    reason: str
    age_seconds: float | None  # since the event occurred (its envelope's occurred_at); None if unreadable


@dataclass(frozen=True)
class DeadLetters:
    queue: str
    declared: bool
    waiting: int = 0
    shown: tuple[DeadLetter, ...] = ()


def dead_letter_of(incoming: AbstractIncomingMessage, now: datetime) -> DeadLetter:
    headers = incoming.headers or {}
    attempts = headers.get(ATTEMPT_HEADER)
    occurred = _occurred_at(incoming.body)
    return DeadLetter(
        event_id=incoming.message_id or "",
        routing_key=_text(headers.get(ROUTING_KEY_HEADER)),
        attempts=attempts if isinstance(attempts, int) else 1,
        reason=_text(headers.get(ERROR_HEADER)),
        age_seconds=(now - occurred).total_seconds() if occurred is not None else None,
    )


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    return value if isinstance(value, str) else ""


def _occurred_at(body: bytes) -> datetime | None:
    try:
        envelope = Envelope.FromString(body)
    except DecodeError:
        return None
    if not envelope.HasField("occurred_at"):
        return None
    return envelope.occurred_at.ToDatetime(tzinfo=UTC)


async def list_dead_letters(settings: Settings, queue: str | None, limit: int | None) -> list[DeadLetters]:
    queues = [known_queue(settings, queue)] if queue is not None else known_queues(settings)
    async with connected(settings) as connection:
        return [await peek(connection, name, limit) for name in queues]


async def peek(connection: AbstractConnection, queue: str, limit: int | None = None) -> DeadLetters:
    """Reads up to `limit` of the queue's dead letters and leaves every one of them where it was."""
    channel = await connection.channel()
    try:
        dead = await _declared(channel, dead_letter_queue_name(queue))
        if dead is None:
            return DeadLetters(queue, declared=False)
        held: list[AbstractIncomingMessage] = []
        try:
            while limit is None or len(held) < limit:
                incoming = await dead.get(no_ack=False, fail=False)
                if incoming is None:
                    break
                held.append(incoming)
        finally:
            if held:  # every delivery up to the last, back at the head of the queue in their order
                await held[-1].nack(multiple=True, requeue=True)
        now = utc_now()
        waiting = dead.declaration_result.message_count or 0
        return DeadLetters(queue, True, max(waiting, len(held)), tuple(dead_letter_of(one, now) for one in held))
    finally:
        await _close(channel)


async def replay(settings: Settings, queue: str, limit: int | None) -> int:
    """Moves up to `limit` dead letters (those there now, oldest first) back to their queue; returns how many."""
    name = known_queue(settings, queue)
    async with connected(settings) as connection:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        try:
            return await _replay(channel, name, limit, broker_place(settings.amqp_url or ""))
        finally:
            await _close(channel)


async def _replay(channel: AbstractChannel, queue: str, limit: int | None, broker: str) -> int:
    if await _declared(channel, queue) is None:
        raise CliError(f"{queue} is not declared on {broker}", "start its service once: it declares its queues")
    dead = await _declared(channel, dead_letter_queue_name(queue))
    if dead is None:
        return 0
    # Only what is there now: a replayed message that fails again comes back behind them, not into this run.
    there = dead.declaration_result.message_count or 0
    budget = there if limit is None else min(limit, there)
    replayed = 0
    while replayed < budget:
        incoming = await dead.get(no_ack=False, fail=False)
        if incoming is None:
            break
        try:
            await channel.default_exchange.publish(
                _replayed(incoming), routing_key=queue, mandatory=True, timeout=PUBLISH_TIMEOUT
            )
        except Exception as error:  # unconfirmed, unroutable or the connection lost: it stays a dead letter
            with contextlib.suppress(Exception):
                await incoming.nack(requeue=True)
            raise CliError(
                f"replayed {replayed} of {budget}; {incoming.message_id or 'a message'} was not confirmed: "
                f"{reason_of(error)}",
                "it is still in the dead letters; run the replay again",
            ) from None
        await incoming.ack()
        replayed += 1
    return replayed


def _replayed(incoming: AbstractIncomingMessage) -> aio_pika.Message:
    """The dead letter as its first delivery was: its body, id and routing key, its attempts counted afresh."""
    routing_key = _text((incoming.headers or {}).get(ROUTING_KEY_HEADER))
    return aio_pika.Message(
        incoming.body,
        message_id=incoming.message_id,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        headers={ROUTING_KEY_HEADER: routing_key},
    )


async def _declared(channel: AbstractChannel, queue: str) -> AbstractQueue | None:
    """The queue, declared passively (its counts current), or None when nobody declared it (the channel closes)."""
    try:
        return await channel.declare_queue(queue, passive=True)
    except aiormq.exceptions.ChannelNotFoundEntity:
        return None


async def _close(channel: AbstractChannel) -> None:
    with contextlib.suppress(Exception):  # already closed by a refused passive declaration
        await channel.close()


def as_json(found: Sequence[DeadLetters]) -> str:
    return json.dumps([asdict(one) for one in found], indent=2)


def as_text(found: Sequence[DeadLetters], broker: str) -> str:
    parts: list[str] = []
    for one in found:
        if not one.declared:
            if len(found) == 1:
                parts.append(f"{one.queue}: no dead letters queue on {broker} (its service has not started there)")
            continue
        if one.waiting == 0:
            if len(found) == 1:
                parts.append(f"{one.queue}: no dead letters")
            continue
        shown = "" if len(one.shown) == one.waiting else f", {len(one.shown)} shown"
        rows = [
            [letter.event_id, letter.routing_key, str(letter.attempts), age(letter.age_seconds), _short(letter.reason)]
            for letter in one.shown
        ]
        parts += [
            f"{one.queue}: {one.waiting} dead letter{'s' if one.waiting != 1 else ''}{shown}",
            table(["EVENT ID", "ROUTING KEY", "ATTEMPTS", "AGE", "REASON"], rows),
            "",
        ]
    if len(found) > 1:
        total = sum(one.waiting for one in found)
        holding = sum(1 for one in found if one.waiting)
        missing = sum(1 for one in found if not one.declared)
        summary = f"{total} dead letters in {holding} of {len(found)} queues"
        parts.append(summary + (f" ({missing} not declared on {broker})" if missing else ""))
    return "\n".join(parts).rstrip("\n")


def _short(reason: str) -> str:
    reason = reason or "-"
    return reason if len(reason) <= REASON_WIDTH else reason[: REASON_WIDTH - 1] + "…"
