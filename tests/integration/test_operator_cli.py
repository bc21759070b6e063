"""The operator's `agora` commands against the real PostgreSQL and RabbitMQ: fresh databases migrated and reported,
dead letters listed without being lost, replayed to their queue and handled there."""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aio_pika
import pytest

from agora.events.v1.orders_pb2 import OrderStatusChanged
from services.cli import main
from services.operator.migrations import head_of
from services.platform.bus import Message, Subscription
from services.platform.bus.rabbitmq import (
    ATTEMPT_HEADER,
    ERROR_HEADER,
    ROUTING_KEY_HEADER,
    RabbitMqBus,
    dead_letter_queue_name,
)
from services.platform.db import drop_database
from services.platform.events import wrap
from services.platform.settings import SERVICES, Settings
from services.registry import MIGRATIONS
from tests.support import drop_event_namespace, free_port, read_until

DATABASES = [service for service in SERVICES if service in MIGRATIONS]


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


async def agora(capsys: pytest.CaptureFixture[str], *argv: str) -> Ran:
    """Runs `agora ARGV...` as an operator would (in a thread: the command runs its own event loop)."""
    code = await asyncio.to_thread(main, list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert len(captured.err.strip().splitlines()) <= 1, captured.err
    return Ran(code, captured.out, captured.err.strip())


@dataclass(frozen=True)
class Platform:
    """One test's platform on the real servers: its own databases and event namespace, all dropped afterwards."""

    settings: Settings
    amqp_url: str

    @property
    def namespace(self) -> str:
        return self.settings.event_namespace

    def bus(self) -> RabbitMqBus:
        return RabbitMqBus(self.amqp_url, f"{self.namespace}.events", reconnect_interval=0.2, publish_timeout=5)


@pytest.fixture
async def platform(
    postgres: str, rabbitmq_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Platform]:
    for name in list(os.environ):
        if name.startswith("AGORA_"):
            monkeypatch.delenv(name)
    prefix = f"agora_test_{uuid.uuid4().hex[:10]}"
    environment = {
        "AGORA_DATA_DIR": str(tmp_path / "data"),
        "AGORA_DATABASE_URL": f"{postgres}/{prefix}_{{service}}",
        "AGORA_AMQP_URL": rabbitmq_url,
        "AGORA_EVENT_NAMESPACE": f"test{uuid.uuid4().hex[:10]}",
        # Nothing serves at these: the services' health is `agora status`'s concern, not this test's.
        **{f"AGORA_{service.upper()}_ADDRESS": f"127.0.0.1:{free_port()}" for service in SERVICES},
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    yield Platform(settings, rabbitmq_url)
    for service in SERVICES:
        await drop_database(settings.database_url_for(service))
    await drop_event_namespace(rabbitmq_url, settings.event_namespace)


async def test_migrate_creates_fresh_databases_at_head_and_status_reports_them(
    platform: Platform, capsys: pytest.CaptureFixture[str]
):
    migrated = await agora(capsys, "migrate")
    again = await agora(capsys, "migrate", "catalog")
    found = await status(capsys)

    assert migrated.code == 0
    assert migrated.out.splitlines() == [
        f"{service:<14} empty -> {head_of(MIGRATIONS[service])}" for service in DATABASES
    ]
    assert again.out.splitlines() == ["catalog        0005 -> 0005 (already at head)"]
    for service in found["services"]:
        if service["name"] in MIGRATIONS:
            database = service["database"]
            assert database["where"] == "PostgreSQL at 127.0.0.1:5432"
            assert (database["state"], database["revision"]) == ("at head", head_of(MIGRATIONS[service["name"]]))
            assert database["outbox_rows"] == 0
    assert found["bus"]["broker"] == "RabbitMQ at 127.0.0.1:5672"
    assert found["bus"]["reachable"] is True
    # No service ran on this namespace: every queue the services would subscribe is known, none declared yet.
    assert {queue["name"] for queue in found["bus"]["queues"]} >= {f"{platform.namespace}.customers.orders"}
    assert not any(queue["declared"] for queue in found["bus"]["queues"])
    assert found["up"] is False


async def test_a_dead_letter_is_listed_without_being_lost_then_replayed_to_its_queue_and_handled(
    platform: Platform, capsys: pytest.CaptureFixture[str]
):
    queue = f"{platform.namespace}.customers.orders"
    event = wrap(OrderStatusChanged(order_id=str(uuid.uuid4()), status="PAID"), producer="orders")

    async def always_fails(message: Message) -> None:
        raise RuntimeError("customers cannot handle this")

    failing = platform.bus()
    await failing.subscribe(Subscription(queue, [event.type], always_fails, max_attempts=1))
    await failing.publish([Message(event.type, event.SerializeToString(), event.event_id)])
    listed = await read_until(
        lambda: list_json(capsys, queue), lambda found: found[0]["waiting"] == 1, "the event dead-lettered"
    )
    await failing.close()  # customers stopped; its queue and dead letters stay on the broker

    listed_again = await list_json(capsys, queue)
    text = await agora(capsys, "dead-letters", "list")
    before_replay = await status(capsys)

    [letter] = listed[0]["shown"]
    assert without_age(listed) == without_age(listed_again)  # listing took nothing
    assert (letter["event_id"], letter["routing_key"], letter["attempts"]) == (event.event_id, event.type, 1)
    assert letter["reason"] == "RuntimeError('customers cannot handle this')"
    assert 0 <= letter["age_seconds"] < 60
    assert f"{queue}: 1 dead letter" in text.out
    assert event.event_id in text.out
    known = len(before_replay["bus"]["queues"])
    summary = f"1 dead letters in 1 of {known} queues ({known - 1} not declared on RabbitMQ at 127.0.0.1:5672)"
    assert text.out.rstrip().endswith(summary)
    assert queue_in(before_replay, queue)["dead_letters"] == 1
    assert await depth(platform.amqp_url, dead_letter_queue_name(queue)) == 1

    replayed = await agora(capsys, "dead-letters", "replay", queue)

    assert (replayed.code, replayed.out.strip()) == (0, f"replayed 1 dead letter to {queue}")
    assert await depth(platform.amqp_url, dead_letter_queue_name(queue)) == 0
    assert queue_in(await status(capsys), queue)["ready"] == 1

    handled: list[Message] = []

    async def records(message: Message) -> None:
        handled.append(message)

    consumer = platform.bus()
    await consumer.subscribe(Subscription(queue, [event.type], records))

    async def handled_so_far() -> list[Message]:
        return list(handled)

    try:
        await read_until(handled_so_far, lambda found: len(found) == 1, "the replay handled")
    finally:
        await consumer.close()
    # As on its first delivery: its id, its event type, a first attempt.
    assert (handled[0].message_id, handled[0].routing_key, handled[0].attempt) == (event.event_id, event.type, 1)
    assert handled[0].body == event.SerializeToString()


async def test_replay_takes_at_most_the_limit_oldest_first(platform: Platform, capsys: pytest.CaptureFixture[str]):
    queue = f"{platform.namespace}.orders.saga"
    ids = [str(uuid.uuid4()) for _ in range(3)]
    await dead_letter_directly(platform.amqp_url, queue, ids)

    replayed = await agora(capsys, "dead-letters", "replay", queue, "--limit", "2")
    left = await list_json(capsys, queue)

    assert replayed.out.strip() == f"replayed 2 dead letters to {queue}"
    assert [letter["event_id"] for letter in left[0]["shown"]] == ids[2:]
    assert left[0]["shown"][0]["attempts"] == 5
    assert await depth(platform.amqp_url, queue) == 2


async def test_listing_gives_every_dead_letter_back_in_its_order(
    platform: Platform, capsys: pytest.CaptureFixture[str]
):
    queue = f"{platform.namespace}.wallet.orders"
    ids = [str(uuid.uuid4()) for _ in range(5)]
    await dead_letter_directly(platform.amqp_url, queue, ids)

    first = await list_json(capsys, queue, "--limit", "3")
    second = await list_json(capsys, queue)

    assert (first[0]["waiting"], [letter["event_id"] for letter in first[0]["shown"]]) == (5, ids[:3])
    assert [letter["event_id"] for letter in second[0]["shown"]] == ids
    assert await depth(platform.amqp_url, dead_letter_queue_name(queue)) == 5


async def test_dead_letters_on_an_unreachable_broker_is_one_line(
    platform: Platform, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    port = free_port()
    monkeypatch.setenv("AGORA_AMQP_URL", f"amqp://guest:guest@127.0.0.1:{port}/")

    listed = await agora(capsys, "dead-letters", "list")
    reported = await status(capsys)

    assert listed.code == 1
    assert listed.out == ""
    assert listed.err == (
        f"agora: cannot reach RabbitMQ at 127.0.0.1:{port}: connection refused — is it running? "
        f"AGORA_AMQP_URL=amqp://guest:***@127.0.0.1:{port}/"
    )
    assert reported["bus"]["reachable"] is False
    assert reported["bus"]["detail"] == f"cannot reach RabbitMQ at 127.0.0.1:{port}: connection refused"


async def status(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    ran = await agora(capsys, "status", "--json")
    found: dict[str, Any] = json.loads(ran.out)
    assert ran.code == (0 if found["up"] else 1)
    return found


async def list_json(capsys: pytest.CaptureFixture[str], queue: str, *options: str) -> list[dict[str, Any]]:
    ran = await agora(capsys, "dead-letters", "list", queue, "--json", *options)
    assert ran.code == 0, ran.err
    found: list[dict[str, Any]] = json.loads(ran.out)
    return found


def queue_in(found: dict[str, Any], name: str) -> dict[str, Any]:
    return next(queue for queue in found["bus"]["queues"] if queue["name"] == name)


def without_age(listed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**one, "shown": [{**letter, "age_seconds": None} for letter in one["shown"]]} for one in listed]


async def depth(amqp_url: str, queue: str) -> int:
    """The queue's ready messages, as the broker counts them (a passive declaration takes none)."""
    connection = await aio_pika.connect(amqp_url, timeout=5)
    async with connection:
        declared = await (await connection.channel()).declare_queue(queue, passive=True)
        return declared.declaration_result.message_count or 0


async def dead_letter_directly(amqp_url: str, queue: str, event_ids: list[str]) -> None:
    """Dead letters as the bus writes them (the last attempt's headers), in a queue its service declared."""
    connection = await aio_pika.connect(amqp_url, timeout=5)
    async with connection:
        channel = await connection.channel()
        await channel.declare_queue(queue, durable=True)
        await channel.declare_queue(dead_letter_queue_name(queue), durable=True)
        for event_id in event_ids:
            headers: dict[str, Any] = {
                ROUTING_KEY_HEADER: "catalog.stock_reserved",
                ATTEMPT_HEADER: 5,
                ERROR_HEADER: "KeyError('order')",
            }
            message = aio_pika.Message(
                b"", message_id=event_id, delivery_mode=aio_pika.DeliveryMode.PERSISTENT, headers=headers
            )
            await channel.default_exchange.publish(message, routing_key=dead_letter_queue_name(queue))
