"""Batched handling groups the deliveries in flight and leaves acks, retries and dead letters to the bus."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence

import pytest

from services.platform.bus import Bus, Message, Subscription
from services.platform.bus.batching import batched
from tests.unit.platform.test_memory_bus import eventually


def messages(count: int) -> list[Message]:
    return [Message("order.placed", str(n).encode(), str(uuid.uuid4())) for n in range(count)]


class Recorder:
    """A batch handler that remembers every call and fails on any batch holding a poison body."""

    def __init__(self, poison: bytes | None = None) -> None:
        self.calls: list[list[Message]] = []
        self.poison = poison

    async def __call__(self, batch: Sequence[Message]) -> None:
        self.calls.append(list(batch))
        await asyncio.sleep(0.01)  # a transaction's worth of time, so later deliveries queue up meanwhile
        if any(message.body == self.poison for message in batch):
            raise RuntimeError("poison")

    def handled_alone(self, body: bytes) -> int:
        return sum(1 for call in self.calls if [message.body for message in call] == [body])


async def test_deliveries_in_flight_are_handled_together(bus: Bus) -> None:
    record = Recorder()
    await bus.subscribe(Subscription("orders", ["order.*"], batched(record, max_batch=50), prefetch=100))

    sent = messages(200)
    await bus.publish(sent)

    await eventually(lambda: sum(len(call) for call in record.calls) == 200)
    assert sorted(m.message_id for call in record.calls for m in call) == sorted(m.message_id for m in sent)
    assert max(len(call) for call in record.calls) == 50
    assert len(record.calls) <= 8  # not one call per message


async def test_a_poison_message_fails_alone_and_the_rest_of_its_batch_is_handled(bus: Bus) -> None:
    record = Recorder(poison=b"3")
    subscription = Subscription(
        "orders", ["order.*"], batched(record, max_batch=10), prefetch=20, max_attempts=3, retry_delays=(0.01,)
    )
    await bus.subscribe(subscription)

    await bus.publish(messages(10))

    dead: list[Message] = []
    deadline = asyncio.get_running_loop().time() + 2
    while not dead:
        assert asyncio.get_running_loop().time() < deadline, "the poison message was never dead-lettered"
        await asyncio.sleep(0.01)
        dead = await bus.dead_letters("orders")
    assert [message.body for message in dead] == [b"3"]
    assert dead[0].attempt == 3
    # After the failed batch, each message was tried alone once; the poison one on each of its three attempts.
    assert all(record.handled_alone(str(n).encode()) == 1 for n in range(10) if n != 3)
    assert record.handled_alone(b"3") == 3


async def test_max_batch_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_batch"):
        batched(Recorder(), max_batch=0)
