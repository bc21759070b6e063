"""The RabbitMQ bus on the real broker: routing, retries, dead letters, broadcasts, competition, reconnection."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import aio_pika
import pytest

from services.platform.bus import Bus, Handler, Message, Subscription
from services.platform.bus.rabbitmq import RabbitMqBus, declared_queues
from services.platform.bus.topics import topic_matches
from tests.integration.events_support import close_all_broker_connections

FAST = (0.05,)


class Broker:
    """One test's corner of the broker: a unique exchange and queues, all deleted when the test ends."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.exchange = f"agora.test.{uuid.uuid4().hex}"
        self._queues: set[str] = set()
        self._buses: list[RabbitMqBus] = []

    def bus(self) -> RabbitMqBus:
        """A bus on this test's exchange, as one more process (a service or a gateway) would have."""
        bus = RabbitMqBus(self.url, self.exchange, reconnect_interval=0.2, publish_timeout=5)
        self._buses.append(bus)
        return bus

    def subscription(
        self, routing_keys: Sequence[str], handler: Handler, *, queue: str | None = None, **options: Any
    ) -> Subscription:
        """A subscription on a fresh queue (or the given one), whose queues are deleted afterwards."""
        subscription = Subscription(queue or self.queue_name(), routing_keys, handler, **options)
        self._queues.update(declared_queues(subscription))
        return subscription

    def queue_name(self) -> str:
        name = f"test.{uuid.uuid4().hex}"
        self._queues.add(name)
        return name

    async def clean_up(self) -> None:
        for bus in self._buses:
            await bus.close()
        connection = await aio_pika.connect(self.url, timeout=5)
        async with connection:
            channel = await connection.channel()
            for queue in sorted(self._queues):
                await channel.queue_delete(queue)
            await channel.exchange_delete(self.exchange)


@pytest.fixture
async def broker(rabbitmq_url: str) -> AsyncIterator[Broker]:
    broker = Broker(rabbitmq_url)
    yield broker
    await broker.clean_up()


def message(routing_key: str = "order.placed", body: bytes = b"{}") -> Message:
    return Message(routing_key=routing_key, body=body, message_id=str(uuid.uuid4()))


def recorder(into: list[Message]) -> Handler:
    async def handle(delivered: Message) -> None:
        into.append(delivered)

    return handle


async def eventually(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Waits for what consumers do in the background, failing the test if it does not happen in time."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        if condition():
            return
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"not true within {timeout}s")
        await asyncio.sleep(0.01)


async def take_dead_letters(bus: RabbitMqBus, queue: str, timeout: float = 10.0) -> list[Message]:
    deadline = asyncio.get_running_loop().time() + timeout
    while not (dead := await bus.dead_letters(queue)):
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"nothing dead-lettered from {queue} within {timeout}s")
        await asyncio.sleep(0.02)
    return dead


def test_satisfies_the_bus_protocol():
    bus: Bus = RabbitMqBus("amqp://guest:guest@127.0.0.1:5672/")  # mypy checks the assignment
    assert isinstance(bus, RabbitMqBus)


async def test_publishes_to_the_queues_bound_to_matching_keys(broker: Broker):
    bus = broker.bus()
    received: list[Message] = []
    await bus.subscribe(broker.subscription(["order.*"], recorder(received)))
    placed, shipped = message("order.placed", b'{"n": 1}'), message("order.shipped")

    await bus.publish([placed, message("payment.captured"), shipped])

    await eventually(lambda: len(received) == 2)
    assert sorted(received, key=lambda m: m.routing_key) == [placed, shipped]


async def test_a_retried_message_comes_back_with_counted_attempts(broker: Broker):
    bus = broker.bus()
    seen: list[Message] = []

    async def flaky(delivered: Message) -> None:
        seen.append(delivered)
        if delivered.attempt < 3:
            raise RuntimeError("not yet")

    subscription = broker.subscription(["order.#"], flaky, retry_delays=FAST)
    await bus.subscribe(subscription)
    sent = message("order.item.added", b"payload")
    await bus.publish([sent])

    await eventually(lambda: len(seen) == 3)
    assert [m.attempt for m in seen] == [1, 2, 3]
    assert {(m.routing_key, m.body, m.message_id) for m in seen} == {(sent.routing_key, sent.body, sent.message_id)}
    await asyncio.sleep(0.2)
    assert len(seen) == 3
    assert await bus.dead_letters(subscription.queue) == []


async def test_a_poison_message_is_dead_lettered_while_later_messages_flow(broker: Broker):
    bus = broker.bus()
    handled: list[str] = []

    async def handle(delivered: Message) -> None:
        handled.append(f"{delivered.body.decode()}#{delivered.attempt}")
        if delivered.body == b"poison":
            raise ValueError("cannot handle")

    subscription = broker.subscription(["order.*"], handle, prefetch=1, max_attempts=3, retry_delays=(0.3, 0.05))
    await bus.subscribe(subscription)
    poison = message(body=b"poison")
    await bus.publish([poison, *(message(body=f"good-{i}".encode()) for i in range(5))])

    dead = await take_dead_letters(bus, subscription.queue)

    assert dead == [Message(poison.routing_key, poison.body, poison.message_id, attempt=3)]
    assert handled == ["poison#1", *(f"good-{i}#1" for i in range(5)), "poison#2", "poison#3"]
    assert await bus.dead_letters(subscription.queue) == []


async def test_every_gateway_receives_each_broadcast(broker: Broker):
    gateways = [broker.bus(), broker.bus()]
    received: list[list[Message]] = [[], []]
    for gateway, into in zip(gateways, received, strict=True):
        await gateway.broadcast(["order.*"], recorder(into))

    async def failing(delivered: Message) -> None:
        raise RuntimeError("broadcast failures are dropped")

    await gateways[0].broadcast(["#"], failing)
    published = [message() for _ in range(5)]
    await broker.bus().publish(published)

    await eventually(lambda: all(len(into) == 5 for into in received))
    for into in received:
        assert sorted(m.message_id for m in into) == sorted(m.message_id for m in published)


async def test_competing_consumers_split_the_messages_without_duplicates(broker: Broker):
    queue = broker.queue_name()
    handled: list[list[str]] = [[], []]

    def consumer(into: list[str]) -> Handler:
        async def handle(delivered: Message) -> None:
            await asyncio.sleep(0.005)
            into.append(delivered.message_id)

        return handle

    for into in handled:
        await broker.bus().subscribe(broker.subscription(["order.*"], consumer(into), queue=queue, prefetch=1))
    published = [message() for _ in range(40)]
    await broker.bus().publish(published)

    await eventually(lambda: len(handled[0]) + len(handled[1]) >= 40)
    await asyncio.sleep(0.1)
    assert sorted(handled[0] + handled[1]) == sorted(m.message_id for m in published)
    assert handled[0]
    assert handled[1]


async def test_declaring_the_same_topology_again_is_harmless(broker: Broker):
    received: list[Message] = []
    subscription = broker.subscription(["order.*"], recorder(received), retry_delays=(0.05, 0.5), max_attempts=4)
    first = broker.bus()
    await first.start()
    await first.start()
    await first.subscribe(subscription)
    await first.subscribe(subscription)
    await first.close()

    restarted = broker.bus()
    await restarted.subscribe(subscription)
    sent = message()
    await restarted.publish([sent])

    await eventually(lambda: len(received) == 1)
    assert received == [sent]


async def test_close_lets_handlers_in_progress_finish_and_acknowledge(broker: Broker):
    started = asyncio.Event()
    finished: list[Message] = []

    async def slow(delivered: Message) -> None:
        started.set()
        await asyncio.sleep(0.3)
        finished.append(delivered)

    bus = broker.bus()
    subscription = broker.subscription(["order.*"], slow)
    await bus.subscribe(subscription)
    sent = message()
    await bus.publish([sent])
    await started.wait()
    await bus.close()
    assert finished == [sent]

    redelivered: list[Message] = []
    await broker.bus().subscribe(broker.subscription(["order.*"], recorder(redelivered), queue=subscription.queue))
    await asyncio.sleep(0.3)
    assert redelivered == []


async def test_routing_matches_the_in_process_rules(broker: Broker):
    patterns = ["order.*", "order.#", "*.placed", "#.placed", "#", "*", "order.*.#", "order.#.v2", "*.*", ""]
    keys = ["order", "order.placed", "order.placed.v2", "order.v2", "placed", "payment.placed", "", "a.", "a..b"]
    queues = {pattern: broker.queue_name() for pattern in patterns}
    bus = broker.bus()
    await bus.start()
    connection = await aio_pika.connect(broker.url, timeout=5)
    async with connection:
        channel = await connection.channel()
        for pattern, name in queues.items():
            queue = await channel.declare_queue(name, durable=True)
            await queue.bind(broker.exchange, pattern)

        await bus.publish([message(key) for key in keys])

        for pattern, name in queues.items():
            queue = await channel.get_queue(name)
            routed = []
            while (incoming := await queue.get(no_ack=True, fail=False)) is not None:
                routed.append(incoming.routing_key)
            assert routed == [key for key in keys if topic_matches(pattern, key)], pattern


async def test_publishing_and_consuming_survive_dropped_connections(broker: Broker, caplog: pytest.LogCaptureFixture):
    publisher, consumer = broker.bus(), broker.bus()
    received: set[str] = set()
    gateway_received: set[str] = set()

    async def handle(delivered: Message) -> None:
        received.add(delivered.message_id)

    async def gateway(delivered: Message) -> None:
        gateway_received.add(delivered.message_id)

    await consumer.subscribe(broker.subscription(["stream.*"], handle, prefetch=8))
    await consumer.broadcast(["stream.*"], gateway)
    published: list[str] = []
    stop = asyncio.Event()

    async def publish_stream() -> None:
        while not stop.is_set():
            batch = [message("stream.tick", str(len(published) + i).encode()) for i in range(5)]
            while True:
                try:
                    await publisher.publish(batch)
                    break
                except Exception:
                    # What the outbox relay does: keep the batch and publish it again a little later.
                    await asyncio.sleep(0.05)
            published.extend(m.message_id for m in batch)
            await asyncio.sleep(0.002)

    stream = asyncio.create_task(publish_stream())
    await eventually(lambda: len(published) >= 100)
    await close_all_broker_connections()
    published_before_reconnection = len(published)
    await eventually(lambda: len(published) >= published_before_reconnection + 200)
    stop.set()
    await asyncio.wait_for(stream, 10)

    await eventually(lambda: received.issuperset(published))
    assert caplog.text.count("CONNECTION_FORCED") >= 2, "both buses' connections should have been dropped"
    after = message("stream.tick")
    await publisher.publish([after])
    await eventually(lambda: after.message_id in received and after.message_id in gateway_received)
