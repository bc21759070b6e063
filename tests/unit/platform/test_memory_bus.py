"""The in-process bus routes, retries and dead-letters like the RabbitMQ bus, within one event loop."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

import pytest

from services.platform.bus import Bus, Message, Subscription
from services.platform.bus.memory import MemoryBus
from services.platform.bus.topics import retry_delay, topic_matches

FAST = (0.01,)


def message(routing_key: str = "order.placed", body: bytes = b"{}") -> Message:
    return Message(routing_key=routing_key, body=body, message_id=str(uuid.uuid4()))


async def eventually(condition: Callable[[], bool], timeout: float = 2.0) -> None:
    """Waits for the effect of the bus's background tasks, failing the test if it does not come in time."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        if condition():
            return
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"not true within {timeout}s")
        await asyncio.sleep(0.005)


@pytest.mark.parametrize(
    ("pattern", "routing_key", "matches"),
    [
        ("order.placed", "order.placed", True),
        ("order.placed", "order.paid", False),
        ("order.*", "order.placed", True),
        ("order.*", "order", False),
        ("order.*", "order.placed.v2", False),
        ("*.placed", "order.placed", True),
        ("*", "order", True),
        ("*", "", False),
        ("order.#", "order", True),
        ("order.#", "order.placed", True),
        ("order.#", "order.placed.v2", True),
        ("order.#", "orders.placed", False),
        ("#", "", True),
        ("#", "anything.at.all", True),
        ("#.placed", "placed", True),
        ("#.placed", "order.placed", True),
        ("#.placed", "order.item.placed", True),
        ("#.placed", "order.placed.v2", False),
        ("order.#.v2", "order.v2", True),
        ("order.#.v2", "order.placed.v2", True),
        ("order.#.v2", "order.placed.paid.v2", True),
        ("order.*.#", "order", False),
        ("order.*.#", "order.placed", True),
        ("#.#", "a.b", True),
        ("*.*", "a.", True),
        ("*", "a.", False),
        ("", "", True),
        ("", "order", False),
    ],
)
def test_topic_matching_follows_rabbitmq(pattern: str, routing_key: str, matches: bool):
    assert topic_matches(pattern, routing_key) is matches


def test_retry_delays_repeat_the_last_one():
    assert [retry_delay((0.2, 1.0), attempt) for attempt in (1, 2, 3, 4)] == [0.2, 1.0, 1.0, 1.0]
    assert retry_delay((), 1) == 0.0


async def test_routes_each_message_to_every_bound_queue(bus: Bus):
    seen: dict[str, list[str]] = {"billing": [], "audit": []}

    def recorder(queue: str):
        async def handle(delivered: Message) -> None:
            seen[queue].append(delivered.routing_key)

        return handle

    await bus.subscribe(Subscription("billing", ["order.placed"], recorder("billing")))
    await bus.subscribe(Subscription("audit", ["order.*", "payment.#"], recorder("audit")))
    await bus.publish([message("order.placed"), message("order.shipped"), message("payment.card.captured")])
    await bus.publish([message("nobody.listens")])

    await eventually(lambda: len(seen["audit"]) == 3)
    assert seen == {"billing": ["order.placed"], "audit": ["order.placed", "order.shipped", "payment.card.captured"]}


async def test_messages_to_unbound_routing_keys_are_dropped(bus: Bus):
    seen: list[Message] = []

    async def handle(delivered: Message) -> None:
        seen.append(delivered)

    await bus.publish([message("order.placed")])
    await bus.subscribe(Subscription("late", ["order.placed"], handle))
    later = message("order.placed")
    await bus.publish([later])

    await eventually(lambda: len(seen) == 1)
    await asyncio.sleep(0.02)
    assert seen == [later]


async def test_competing_consumers_each_get_a_message_once(bus: Bus):
    handled: dict[str, list[str]] = {"first": [], "second": []}

    def consumer(name: str):
        async def handle(delivered: Message) -> None:
            await asyncio.sleep(0.005)
            handled[name].append(delivered.message_id)

        return handle

    for name in handled:
        await bus.subscribe(Subscription("shared", ["order.*"], consumer(name), prefetch=2))
    published = [message() for _ in range(20)]
    await bus.publish(published)

    await eventually(lambda: len(handled["first"]) + len(handled["second"]) == 20)
    await asyncio.sleep(0.02)
    everything = handled["first"] + handled["second"]
    assert sorted(everything) == sorted(m.message_id for m in published)
    assert handled["first"]
    assert handled["second"]


async def test_a_failing_handler_is_retried_with_counted_attempts(bus: Bus):
    attempts: list[int] = []

    async def flaky(delivered: Message) -> None:
        attempts.append(delivered.attempt)
        if delivered.attempt < 3:
            raise RuntimeError("not yet")

    await bus.subscribe(Subscription("flaky", ["order.placed"], flaky, retry_delays=FAST))
    await bus.publish([message()])

    await eventually(lambda: attempts == [1, 2, 3])
    await asyncio.sleep(0.05)
    assert attempts == [1, 2, 3]
    assert await bus.dead_letters("flaky") == []


async def test_a_poison_message_is_dead_lettered_without_blocking_the_queue(bus: Bus):
    handled: list[str] = []
    poison = message(body=b"poison")

    async def handle(delivered: Message) -> None:
        handled.append(f"{delivered.body.decode()}#{delivered.attempt}")
        if delivered.body == b"poison":
            raise ValueError("cannot handle")

    subscription = Subscription("orders", ["order.#"], handle, prefetch=1, max_attempts=3, retry_delays=(0.05,))
    await bus.subscribe(subscription)
    await bus.publish([poison, *(message(body=f"good-{i}".encode()) for i in range(3))])

    dead: list[Message] = []

    async def collect() -> None:
        while not dead:
            dead.extend(await bus.dead_letters("orders"))
            await asyncio.sleep(0.01)

    await asyncio.wait_for(collect(), 2)
    assert dead == [Message(poison.routing_key, poison.body, poison.message_id, attempt=3)]
    assert handled == ["poison#1", "good-0#1", "good-1#1", "good-2#1", "poison#2", "poison#3"]
    assert await bus.dead_letters("orders") == []


async def test_broadcast_reaches_every_handler_and_drops_failures(bus: Bus):
    first: list[str] = []
    second: list[str] = []

    async def remember(into: list[str], delivered: Message) -> None:
        into.append(delivered.message_id)

    async def failing(delivered: Message) -> None:
        raise RuntimeError("broadcast handlers are not retried")

    await bus.broadcast(["order.*"], lambda delivered: remember(first, delivered))
    await bus.broadcast(["order.*"], lambda delivered: remember(second, delivered))
    await bus.broadcast(["#"], failing)
    published = [message() for _ in range(5)]
    await bus.publish([*published, message("payment.captured")])

    expected = [m.message_id for m in published]
    await eventually(lambda: first == expected and second == expected)
    await asyncio.sleep(0.02)
    assert first == expected
    assert second == expected


async def test_prefetch_bounds_the_handlers_in_flight(bus: Bus):
    running = 0
    most = 0
    done = 0

    async def slow(delivered: Message) -> None:
        nonlocal running, most, done
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        running -= 1
        done += 1

    await bus.subscribe(Subscription("bounded", ["order.*"], slow, prefetch=3))
    await bus.publish([message() for _ in range(20)])

    await eventually(lambda: done == 20)
    assert most == 3


async def test_close_waits_for_handlers_in_progress():
    bus = MemoryBus()
    started = asyncio.Event()
    finished: list[str] = []

    async def slow(delivered: Message) -> None:
        started.set()
        await asyncio.sleep(0.05)
        finished.append(delivered.message_id)

    await bus.subscribe(Subscription("slow", ["order.*"], slow))
    sent = message()
    await bus.publish([sent])
    await started.wait()
    await bus.close()

    assert finished == [sent.message_id]
    with pytest.raises(RuntimeError, match="closed"):
        await bus.publish([message()])
