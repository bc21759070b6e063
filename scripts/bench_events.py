"""Measures events in real mode: outbox -> RabbitMQ -> notifications throughput, and commit -> WebSocket latency."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import itertools
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aio_pika
import asyncpg
import uvloop
from aio_pika.abc import AbstractIncomingMessage, AbstractRobustChannel, AbstractRobustConnection
from argon2 import PasswordHasher, Type

from agora.events.v1.identity_pb2 import UserRegistered
from agora.events.v1.notifications_pb2 import NotificationCreated
from scripts.bench import (
    K6_DIR,
    POSTGRES,
    BenchError,
    Children,
    drop_databases,
    exit_code_of,
    free_ports,
    k6_binary,
    platform_environment,
    raise_open_files_limit,
    start_platform,
    wait_until_ok,
)
from scripts.profiling import add_profile_arguments, check_profile_arguments, record_profiles
from services.identity.adapters.events import PRODUCER as IDENTITY
from services.identity.adapters.keys import KeySet, TokenIssuer
from services.identity.adapters.passwords import MEMORY_COST_KIB, PARALLELISM, TIME_COST
from services.platform.bus import Subscription
from services.platform.bus.rabbitmq import declared_queues
from services.platform.events import unwrap, wrap
from services.platform.outbox import NOTIFY_CHANNEL
from services.platform.settings import SERVICES, Settings

AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"
USER_REGISTERED = "identity.user_registered"
NOTIFICATION_CREATED = "notifications.notification_created"

THROUGHPUT_GOAL = 2000.0
LATENCY_GOAL_MS = 100.0
SAMPLE_SECONDS = 0.5
PROGRESS_SECONDS = 5
CLIENTS_READY_TIMEOUT_SECONDS = 300
EFFECTS_TIMEOUT_SECONDS = 60
DELIVERY_GRACE_SECONDS = 2.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

INSERT_OUTBOX_ROWS = """
    INSERT INTO outbox (event_id, routing_key, body, created_at)
    SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::bytea[], $4::timestamptz[])
"""
INSERT_OUTBOX_ROW = "INSERT INTO outbox (event_id, routing_key, body, created_at) VALUES ($1, $2, $3, $4)"
INSERT_USERS = """
    INSERT INTO users (id, username, username_key, role, password_hash, created_at)
    SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::timestamptz[])
"""
NOTIFY_OUTBOX = f"NOTIFY {NOTIFY_CHANNEL}"
COUNT_NOTIFICATIONS = "SELECT count(*) FROM notifications"
COUNT_OUTBOX = "SELECT count(*) FROM outbox"


# --- the run: names, places and processes ---------------------------------------------------------------------


@dataclass
class BrokerDrops:
    """How often the broker dropped the bench's connections: it is shared, and other workloads may force-close them."""

    count: int = 0

    def note(self, *_: object) -> None:
        self.count += 1


@dataclass(frozen=True)
class Run:
    """One run's own databases, broker namespace, ports and files, so that it shares nothing and cleans up all."""

    name: str
    work_dir: Path
    gateway_port: int
    broker_drops: BrokerDrops = field(default_factory=BrokerDrops)

    async def connect_broker(self) -> AbstractRobustConnection:
        """A connection that comes back (with its queues and consumers) when the broker drops it."""
        connection = await aio_pika.connect_robust(AMQP_URL)
        connection.reconnect_callbacks.add(self.broker_drops.note)
        return connection

    @property
    def database_url(self) -> str:
        return f"{POSTGRES}/{self.name}_{{service}}"

    def dsn(self, service: str) -> str:
        """The service's database, for asyncpg."""
        return f"postgresql://postgres@127.0.0.1:5432/{self.name}_{service}"

    @property
    def namespace(self) -> str:
        return self.name

    @property
    def exchange(self) -> str:
        return f"{self.namespace}.events"

    @property
    def notifications_queue(self) -> str:
        # As services/notifications/entrypoints/consumer.py names it.
        return f"{self.namespace}.notifications.user-events"

    @property
    def data_dir(self) -> Path:
        return self.work_dir / "data"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.gateway_port}/v1/ws"


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    throughput = parser.add_argument_group("throughput (commit -> outbox -> RabbitMQ -> notification row)")
    throughput.add_argument("--duration", type=int, default=30, help="seconds measured (default 30)")
    throughput.add_argument("--warmup", type=int, default=5, help="seconds of writing before measuring (default 5)")
    throughput.add_argument("--writers", type=int, default=4, help="concurrent writer connections (default 4)")
    throughput.add_argument("--batch", type=int, default=100, help="events per writer transaction (default 100)")
    throughput.add_argument(
        "--rate", type=float, default=0.0, help="target events/s; 0 (default): as fast as the system keeps up"
    )
    throughput.add_argument(
        "--max-backlog",
        type=int,
        default=5000,
        help="with --rate 0, events committed but not yet notified before writers wait",
    )
    throughput.add_argument("--drain-timeout", type=int, default=180, help="seconds to wait for the backlog to clear")
    latency = parser.add_argument_group("latency (commit -> WebSocket receipt)")
    latency.add_argument("--clients", type=int, default=1000, help="WebSocket clients, one user each (default 1000)")
    latency.add_argument("--latency-rate", type=float, default=200.0, help="events/s committed (default 200)")
    latency.add_argument("--latency-duration", type=int, default=30, help="seconds of committing (default 30)")
    latency.add_argument(
        "--latency-source",
        choices=["outbox", "broker"],
        default="outbox",
        help="outbox (default): commit each event to identity's outbox, for its relay; broker: publish it straight "
        "to the exchange as the relay would (confirmed, persistent), to time the path after identity's relay",
    )
    latency.add_argument("--events-csv", type=Path, metavar="PATH", help="write each event's timeline as CSV")
    parser.add_argument("--gateway-workers", type=int, default=1, help="gateway worker processes (default 1)")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    add_profile_arguments(parser, "identity, notifications and the gateway")
    args = parser.parse_args(argv)
    check_profile_arguments(parser, args)
    return args


def service_environment(run: Run) -> dict[str, str]:
    """Real mode on this run's databases, namespace and free ports, with events over the local RabbitMQ."""
    (notifications_port,) = free_ports(1)
    return {
        **platform_environment(run.database_url, run.data_dir, run.gateway_port),
        "AGORA_AMQP_URL": AMQP_URL,
        "AGORA_EVENT_NAMESPACE": run.namespace,
        "AGORA_NOTIFICATIONS_ADDRESS": f"127.0.0.1:{notifications_port}",
    }


async def watch(
    children: Children,
    seconds: float,
    tasks: Sequence[asyncio.Task[Any]] = (),
    every_second: Callable[[], None] | None = None,
) -> None:
    """Waits, failing early when a process died or one of `tasks` failed."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        await asyncio.sleep(min(1.0, left))
        children.check_alive()
        for task in tasks:
            if task.done() and not task.cancelled() and task.exception() is not None:
                raise BenchError(f"{task.get_name()} failed: {task.exception()!r}")
        if every_second is not None:
            every_second()


# --- CPU per component, from /proc -----------------------------------------------------------------------------


def process_table() -> dict[int, tuple[str, int, float]]:
    """Every process: its name, its parent and the CPU seconds it has used."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        table[int(entry.name)] = (name, int(fields[1]), (int(fields[11]) + int(fields[12])) / CLOCK_TICKS)
    return table


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent on anything but idling, since boot."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]
    return (sum(ticks[:8]) - idle) / CLOCK_TICKS


@dataclass(frozen=True)
class CpuSnapshot:
    at: float
    by_component: dict[str, dict[int, float]]
    machine: float


class CpuMeter:
    """CPU time of each service (with its child processes), the clients, this process and the shared servers."""

    SHARED_SERVERS = {"PostgreSQL (whole server)": "postgres", "RabbitMQ": "beam.smp", "Redis": "redis-server"}

    def __init__(self, children: Children, others: Mapping[str, int] | None = None) -> None:
        self.children = children
        self.others = dict(others or {})
        """More processes to meter (with their children), by label: a load generator, say."""

    def snapshot(self) -> CpuSnapshot:
        table = process_table()
        roots = {name: process.pid for name, process in self.children.processes.items()} | self.others
        components: dict[str, set[int]] = {name: descendants(pid, table) for name, pid in roots.items()}
        components["bench (this process)"] = {os.getpid()}
        for label, process_name in self.SHARED_SERVERS.items():
            components[label] = {pid for pid, (name, _, _) in table.items() if name == process_name}
        by_component = {
            label: {pid: table[pid][2] for pid in pids if pid in table} for label, pids in components.items()
        }
        return CpuSnapshot(time.monotonic(), by_component, machine_busy_seconds())

    @staticmethod
    def usage(before: CpuSnapshot, after: CpuSnapshot) -> dict[str, float]:
        """Percent of one core per component over the interval, then everything else on the machine, then its total."""
        elapsed = after.at - before.at
        usage = {}
        for label, seconds in after.by_component.items():
            earlier = before.by_component.get(label, {})
            used = sum(total - earlier.get(pid, 0.0) for pid, total in seconds.items())
            usage[label] = 100 * used / elapsed
        machine = 100 * (after.machine - before.machine) / elapsed
        usage["other processes"] = max(0.0, machine - sum(usage.values()))
        usage["machine total"] = machine
        return usage


def descendants(root: int, table: dict[int, tuple[str, int, float]]) -> set[int]:
    found = {root}
    grew = True
    while grew:
        more = {pid for pid, (_, parent, _) in table.items() if parent in found} - found
        found |= more
        grew = bool(more)
    return found


def format_cpu(usage: dict[str, float]) -> str:
    return ", ".join(f"{label} {percent:.0f}%" for label, percent in usage.items() if percent >= 0.5)


NOT_THE_PLATFORM = ("bench (this process)", "ws-clients", "other processes", "machine total")
"""What CpuMeter reports beside the platform's own processes: the generators, the rest of the machine."""


@dataclass(frozen=True)
class Usage:
    """What a measured window cost: CPU per component, and PostgreSQL sessions opened per service database."""

    cpu: dict[str, float]
    sessions: dict[str, int]
    seconds: float

    def print(self, during: str, events: int) -> None:
        print(f"  CPU {during} (% of one core): {format_cpu(self.cpu)}")
        print(f"  CPU ms per event ({events:,} events): {self.per_event(events)}")
        opened = ", ".join(f"{name} {count:,} ({count / self.seconds:.1f}/s)" for name, count in self.sessions.items())
        print(f"  PostgreSQL sessions opened {during}: {opened}")

    def per_event(self, events: int) -> str:
        """CPU ms per event of each component that used any, and of the platform in all."""
        to_ms = 10 * self.seconds / max(events, 1)  # percent of a core over the window -> ms per event
        used = {label: percent * to_ms for label, percent in self.cpu.items() if percent >= 0.5}
        platform = sum(ms for label, ms in used.items() if label not in NOT_THE_PLATFORM)
        return ", ".join(f"{label} {ms:.2f}" for label, ms in used.items()) + f"; the platform {platform:.2f}"


async def sessions_opened(run: Run) -> dict[str, int]:
    """PostgreSQL sessions each service's database has had so far (from the postgres database, to count none)."""
    connection = await asyncpg.connect(run.dsn("identity").rsplit("/", 1)[0] + "/postgres")
    try:
        rows = await connection.fetch(
            "SELECT datname, sessions FROM pg_stat_database WHERE datname = any($1::text[])",
            [f"{run.name}_{service}" for service in ("identity", "notifications")],
        )
    finally:
        await connection.close()
    return {row["datname"].rsplit("_", 1)[1]: int(row["sessions"]) for row in sorted(rows)}


@dataclass(frozen=True)
class UsageSnapshot:
    cpu: CpuSnapshot
    sessions: dict[str, int]


class UsageMeter:
    def __init__(self, children: Children, run: Run) -> None:
        self.cpu = CpuMeter(children)
        self.run = run

    async def snapshot(self) -> UsageSnapshot:
        return UsageSnapshot(self.cpu.snapshot(), await sessions_opened(self.run))

    async def since(self, before: UsageSnapshot) -> Usage:
        after = await self.snapshot()
        opened = {name: count - before.sessions.get(name, 0) for name, count in after.sessions.items()}
        return Usage(CpuMeter.usage(before.cpu, after.cpu), opened, after.cpu.at - before.cpu.at)


# --- profiling -------------------------------------------------------------------------------------------------


def start_profiles(profilers: Children, args: argparse.Namespace, children: Children, phase: str, seconds: int) -> None:
    """py-spy on identity, notifications and the gateway for `seconds`."""
    record_profiles(profilers, args, children, seconds, ("identity", "notifications", "gateway"), phase)


# --- events as identity writes them ----------------------------------------------------------------------------


def registration_row(user_id: uuid.UUID, marker: str) -> tuple[str, str, bytes, datetime]:
    """An outbox row as identity's `register` writes it; `marker` (the username) identifies it at the far end."""
    now = datetime.now(UTC)
    payload = UserRegistered(user_id=str(user_id), username=marker)
    payload.registered_at.FromDatetime(now)
    envelope = wrap(payload, producer=IDENTITY)
    return envelope.event_id, envelope.type, envelope.SerializeToString(), now


def as_columns(rows: Sequence[tuple[Any, ...]]) -> list[list[Any]]:
    return [list(column) for column in zip(*rows, strict=True)]


# --- throughput ------------------------------------------------------------------------------------------------


@dataclass
class Flow:
    """Events the writers committed, notifications counted at the last sample, and whether writers may go on."""

    max_backlog: int
    committed: int = 0
    notified: int = 0
    has_room: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self._update_room()

    @property
    def backlog(self) -> int:
        return self.committed - self.notified

    def add_committed(self, count: int) -> None:
        self.committed += count
        self._update_room()

    def set_notified(self, count: int) -> None:
        self.notified = count
        self._update_room()

    def _update_room(self) -> None:
        if self.backlog < self.max_backlog:
            self.has_room.set()
        else:
            self.has_room.clear()


@dataclass(frozen=True)
class Sample:
    """Where the events were at one moment."""

    at: float
    committed: int
    notified: int
    identity_outbox: int
    queued: int
    notifications_outbox: int

    @property
    def pending(self) -> int:
        return self.committed - self.notified

    @property
    def queued_text(self) -> str:
        return f"{self.queued:,}" if self.queued >= 0 else "? (reconnecting)"

    @property
    def in_consumer_text(self) -> str:
        """Taken from the queue, not yet notified: what the consumer holds (prefetch) or waits to commit."""
        if self.queued < 0:
            return "?"
        return f"{self.pending - self.identity_outbox - self.queued:,}"


class Probe:
    """Counts notifications and what waits at each stage: identity's outbox, the queue, notifications' outbox."""

    def __init__(self, identity: Any, notifications: Any, channel: AbstractRobustChannel, queue: str) -> None:
        self.identity = identity
        self.notifications = notifications
        self.channel = channel
        self.queue = queue

    async def sample(self, flow: Flow) -> Sample:
        """Reads the stages downstream first, so that an event moving on while they are read is never counted twice."""
        notified = await self.notifications.fetchval(COUNT_NOTIFICATIONS)
        notifications_outbox = await self.notifications.fetchval(COUNT_OUTBOX)
        queued = await self.queue_depth()
        identity_outbox = await self.identity.fetchval(COUNT_OUTBOX)
        flow.set_notified(notified)
        return Sample(time.monotonic(), flow.committed, notified, identity_outbox, queued, notifications_outbox)

    async def queue_depth(self) -> int:
        """Messages ready in notifications' queue; -1 while the broker connection is coming back."""
        try:
            declared = await self.channel.declare_queue(self.queue, passive=True, robust=False)
        except Exception:
            return -1
        return declared.declaration_result.message_count or 0


@contextlib.asynccontextmanager
async def open_probe(run: Run) -> AsyncIterator[Probe]:
    identity = await asyncpg.connect(run.dsn("identity"))
    notifications = await asyncpg.connect(run.dsn("notifications"))
    broker = await run.connect_broker()
    try:
        yield Probe(identity, notifications, await broker.channel(), run.notifications_queue)
    finally:
        await broker.close()
        await notifications.close()
        await identity.close()


async def sample_continuously(probe: Probe, flow: Flow, samples: list[Sample]) -> None:
    while True:
        samples.append(await probe.sample(flow))
        await asyncio.sleep(SAMPLE_SECONDS)


class Pacer:
    """When a writer may commit its next batch: on a fixed schedule, or while the backlog has room."""

    def __init__(self, rate: float, flow: Flow) -> None:
        self.rate = rate
        self.flow = flow
        self.started = time.monotonic()
        self.claimed = 0

    async def wait_turn(self, batch: int) -> None:
        if self.rate > 0:
            due = self.started + self.claimed / self.rate
            self.claimed += batch
            await asyncio.sleep(max(0.0, due - time.monotonic()))
        else:
            await self.flow.has_room.wait()


async def write_events(pool: Any, pacer: Pacer, flow: Flow, batch: int, stop: asyncio.Event) -> None:
    """Commits batches of UserRegistered outbox rows for fabricated users, one transaction each."""
    while True:
        await pacer.wait_turn(batch)
        if stop.is_set():
            return
        rows = [registration_row(uuid.uuid4(), f"tp-{uuid.uuid4().hex[:12]}") for _ in range(batch)]
        async with pool.acquire() as connection, connection.transaction():
            await connection.execute(INSERT_OUTBOX_ROWS, *as_columns(rows))
            await connection.execute(NOTIFY_OUTBOX)  # as the platform's Outbox does in the writing transaction
        flow.add_committed(batch)


@dataclass(frozen=True)
class ThroughputResult:
    first: Sample
    last: Sample
    usage: Usage
    drained_after: float | None
    final: Sample

    @property
    def seconds(self) -> float:
        return self.last.at - self.first.at

    @property
    def committed_per_second(self) -> float:
        return (self.last.committed - self.first.committed) / self.seconds

    @property
    def notified_per_second(self) -> float:
        return (self.last.notified - self.first.notified) / self.seconds

    @property
    def announced_per_second(self) -> float:
        """NotificationCreated events notifications' relay took out of its outbox (towards the gateways)."""
        created = self.last.notified - self.first.notified
        return (created - (self.last.notifications_outbox - self.first.notifications_outbox)) / self.seconds


def progress_printer(samples: list[Sample], started: float) -> Callable[[], None]:
    """Prints where the events are every PROGRESS_SECONDS, with the rates since the previous line."""
    previous: list[Sample] = []

    def print_progress() -> None:
        if not samples or (previous and samples[-1].at - previous[-1].at < PROGRESS_SECONDS - 0.25):
            return
        now = samples[-1]
        before = previous[-1] if previous else None
        rates = ""
        if before is not None:
            seconds = now.at - before.at
            rates = (
                f" ({(now.committed - before.committed) / seconds:,.0f}/s committed, "
                f"{(now.notified - before.notified) / seconds:,.0f}/s notified)"
            )
        print(
            f"  t={now.at - started:5.1f}s committed {now.committed:>8,} notified {now.notified:>8,}{rates}; "
            f"waiting: identity outbox {now.identity_outbox:,}, queue {now.queued_text}, "
            f"notifications outbox {now.notifications_outbox:,}",
            flush=True,
        )
        previous.append(now)

    return print_progress


async def measure_throughput(
    run: Run, args: argparse.Namespace, children: Children, profilers: Children, meter: UsageMeter
) -> ThroughputResult:
    flow, samples, stop = Flow(args.max_backlog), list[Sample](), asyncio.Event()
    pacing = f"{args.rate:,.0f} events/s" if args.rate else f"as fast as it keeps up (backlog < {args.max_backlog:,})"
    print(
        f"throughput: {args.writers} writers x {args.batch}-event transactions, {pacing}; "
        f"{args.warmup}s warm-up, then {args.duration}s measured",
        flush=True,
    )
    async with open_probe(run) as probe:
        pool = await asyncpg.create_pool(run.dsn("identity"), min_size=args.writers, max_size=args.writers)
        sampler = asyncio.create_task(sample_continuously(probe, flow, samples), name="the sampler")
        pacer = Pacer(args.rate, flow)
        writers = [
            asyncio.create_task(write_events(pool, pacer, flow, args.batch, stop), name=f"writer {number}")
            for number in range(args.writers)
        ]
        tasks = [sampler, *writers]
        started = time.monotonic()
        try:
            show = progress_printer(samples, started)
            await watch(children, args.warmup, tasks, show)
            window_start, before = time.monotonic(), await meter.snapshot()
            start_profiles(profilers, args, children, "throughput", args.duration)
            await watch(children, args.duration, tasks, show)
            window_end, usage = time.monotonic(), await meter.since(before)
            stop.set()
            await asyncio.gather(*writers)
            drained_after = await wait_for_drain(children, samples, args.drain_timeout, tasks)
        finally:
            stop.set()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await pool.close()
    window = [sample for sample in samples if window_start <= sample.at <= window_end]
    if len(window) < 2:
        raise BenchError("too few samples in the measured window")
    return ThroughputResult(window[0], window[-1], usage, drained_after, samples[-1])


async def wait_for_drain(
    children: Children, samples: list[Sample], timeout: float, tasks: Sequence[asyncio.Task[Any]]
) -> float | None:
    """Seconds until every committed event became a notification and every outbox emptied; None on timeout."""
    stopped = time.monotonic()
    while time.monotonic() - stopped < timeout:
        latest = samples[-1]
        if latest.at > stopped and latest.pending <= 0 and not latest.identity_outbox + latest.notifications_outbox:
            return latest.at - stopped
        await watch(children, SAMPLE_SECONDS, tasks)
    return None


def print_throughput(result: ThroughputResult) -> None:
    verdict = "met" if result.notified_per_second >= THROUGHPUT_GOAL else "NOT met"
    last, final = result.last, result.final
    print()
    print(f"THROUGHPUT over {result.seconds:.1f}s (after the warm-up):")
    print(f"  committed to identity's outbox: {result.committed_per_second:>8,.0f} events/s")
    print(
        f"  notifications created:          {result.notified_per_second:>8,.0f} events/s   "
        f"(goal >= {THROUGHPUT_GOAL:,.0f}: {verdict})"
    )
    print(f"  published by notifications' relay: {result.announced_per_second:>6,.0f} events/s (towards the gateway)")
    print(
        f"  pending at the end of the window: {last.pending:,} events (identity outbox {last.identity_outbox:,}, "
        f"RabbitMQ queue {last.queued_text}, in the consumer {last.in_consumer_text}); "
        f"notifications' outbox {last.notifications_outbox:,}"
    )
    if result.drained_after is None:
        print(f"  NOT drained: {final.pending:,} events still without a notification after the drain timeout")
    else:
        exact = "yes" if final.notified == final.committed else f"NO ({final.notified:,})"
        print(
            f"  drained {result.drained_after:.1f}s after the writers stopped; "
            f"one notification per committed event ({final.committed:,}): {exact}"
        )
    result.usage.print("in the window", round(result.notified_per_second * result.seconds))


# --- latency ---------------------------------------------------------------------------------------------------


SOURCES = {
    "outbox": "each committed to identity's outbox in its own transaction (identity's relay publishes it)",
    "broker": "each published straight to the exchange, persistent and confirmed (identity's relay bypassed)",
}
SENT = {"outbox": "commit", "broker": "publish"}


@dataclass(frozen=True)
class SentEvent:
    marker: str
    sent_at: float  # unix time: when its commit (or its publish) returned


@dataclass
class Tap:
    """A queue of the bench's own on the exchange: when each stage published each event (by its marker)."""

    published: dict[str, dict[str, float]] = field(
        default_factory=lambda: {USER_REGISTERED: {}, NOTIFICATION_CREATED: {}}
    )

    async def on_message(self, incoming: AbstractIncomingMessage) -> None:
        received_at = time.time()
        event = unwrap(incoming.body)
        if isinstance(event.payload, UserRegistered):
            self.published[USER_REGISTERED][event.payload.username] = received_at
        elif isinstance(event.payload, NotificationCreated):
            marker = event.payload.notification.data.get("username", "")
            self.published[NOTIFICATION_CREATED][marker] = received_at


@contextlib.asynccontextmanager
async def tapped(run: Run) -> AsyncIterator[Tap]:
    tap = Tap()
    connection = await run.connect_broker()
    try:
        channel = await connection.channel()
        exchange = await channel.get_exchange(run.exchange)
        queue = await channel.declare_queue(f"{run.namespace}.bench-tap", exclusive=True, auto_delete=True)
        for routing_key in (USER_REGISTERED, NOTIFICATION_CREATED):
            await queue.bind(exchange, routing_key)
        await queue.consume(tap.on_message, no_ack=True)
        yield tap
    finally:
        await connection.close()


async def insert_users(run: Run, count: int) -> list[uuid.UUID]:
    """Users written straight into identity's table, all with one argon2id hash computed once (no events)."""
    password_hash = PasswordHasher(
        time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM, type=Type.ID
    ).hash("bench-password")
    user_ids = [uuid.uuid4() for _ in range(count)]
    names = [f"bench-{number:05d}" for number in range(count)]
    now = datetime.now(UTC)
    connection = await asyncpg.connect(run.dsn("identity"))
    try:
        await connection.execute(
            INSERT_USERS, user_ids, names, names, ["customer"] * count, [password_hash] * count, [now] * count
        )
    finally:
        await connection.close()
    return user_ids


def mint_tokens(run: Run, user_ids: Sequence[uuid.UUID]) -> list[dict[str, str]]:
    """Access tokens signed with identity's own key set, as its login would issue them."""
    settings = Settings(data_dir=run.data_dir)
    keys = KeySet.load(settings.keys_dir, settings.jwt_active_kid)
    issuer = TokenIssuer(keys, settings.jwt_issuer, settings.jwt_audience, timedelta(hours=1))
    now = datetime.now(UTC)
    return [{"user_id": str(user), "token": issuer.access_token(user, "customer", now)} for user in user_ids]


CLIENT_LINE = re.compile(r"^agora-ws-(subscribed|failed|frame|closed)(?: (.*))?$")
"""What scripts/k6/ws_clients.js logs for each client and frame (see there)."""


@dataclass
class WsClients:
    """The k6 process holding the WebSocket clients, and where its log stood when the clients were told to stop."""

    log: Path
    connect_started: float
    stopped_at_byte: int = 0


def client_lines(log: Path, up_to: int | None = None) -> list[tuple[str, str]]:
    """The clients' lines so far (or up to a byte of the log): (kind, the rest)."""
    text = log.read_bytes()[:up_to].decode(errors="replace")
    found = (CLIENT_LINE.match(line) for line in text.splitlines())
    return [(match.group(1), match.group(2) or "") for match in found if match]


async def start_clients(run: Run, children: Children, users: list[dict[str, str]]) -> tuple[WsClients, dict[str, Any]]:
    """The WebSocket clients, one k6 virtual user each; returns once all have subscribed (or failed to)."""
    users_file = run.work_dir / "ws-users.json"
    users_file.write_text(json.dumps(users))
    command = [k6_binary(), "run", "--quiet", "--no-color", "--no-usage-report", "--log-format", "raw",
               str(K6_DIR / "ws_clients.js")]  # fmt: skip
    environment = {**os.environ, "AGORA_WS_URL": run.ws_url, "AGORA_USERS": str(users_file)}
    children.start("ws-clients", command, environment)
    clients = WsClients(run.work_dir / "ws-clients.log", time.monotonic())
    deadline = clients.connect_started + CLIENTS_READY_TIMEOUT_SECONDS
    while True:
        kinds = Counter(kind for kind, _ in client_lines(clients.log))
        if kinds["subscribed"] + kinds["failed"] >= len(users):
            break
        if time.monotonic() > deadline:
            raise BenchError(f"the WebSocket clients did not subscribe within {CLIENTS_READY_TIMEOUT_SECONDS}s")
        await watch(children, 0.5)
    failures = Counter(rest for kind, rest in client_lines(clients.log) if kind == "failed")
    seconds = time.monotonic() - clients.connect_started
    return clients, {"subscribed": kinds["subscribed"], "failures": dict(failures), "seconds": seconds}


async def stop_clients(clients: WsClients, children: Children) -> dict[str, Any]:
    """Interrupts k6 and reads what its clients saw before that: each frame, and the sockets the server closed."""
    clients.stopped_at_byte = clients.log.stat().st_size
    process = children.processes.pop("ws-clients")
    process.send_signal(signal.SIGINT)
    await asyncio.to_thread(process.wait, 60)
    lines = client_lines(clients.log, clients.stopped_at_byte)
    receipts = []
    for kind, rest in lines:
        if kind == "frame":
            marker, received_ms, created_at, cursor = rest.split()
            receipts.append((marker, int(received_ms) / 1000, created_at, cursor))
    closed_early = Counter(rest for kind, rest in lines if kind == "closed")
    subscribed = sum(1 for kind, _ in lines if kind == "subscribed")
    return {"receipts": receipts, "subscribed": subscribed, "closed_early": dict(closed_early)}


Send = Callable[[uuid.UUID, str], Awaitable[None]]
"""Sends one UserRegistered for a user, identified by its marker, and returns once it is committed (or confirmed)."""


@contextlib.asynccontextmanager
async def outbox_sender(run: Run) -> AsyncIterator[Send]:
    """Each event committed to identity's outbox in a transaction of its own, as `register` does."""
    connection = await asyncpg.connect(run.dsn("identity"))

    async def send(user_id: uuid.UUID, marker: str) -> None:
        async with connection.transaction():
            await connection.execute(INSERT_OUTBOX_ROW, *registration_row(user_id, marker))
            await connection.execute(NOTIFY_OUTBOX)

    try:
        yield send
    finally:
        await connection.close()


@contextlib.asynccontextmanager
async def broker_sender(run: Run) -> AsyncIterator[Send]:
    """Each event published to the exchange, persistent and confirmed, as identity's relay publishes it."""
    connection = await run.connect_broker()
    try:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange(run.exchange)

        async def send(user_id: uuid.UUID, marker: str) -> None:
            event_id, routing_key, body, _ = registration_row(user_id, marker)
            message = aio_pika.Message(body, message_id=event_id, delivery_mode=aio_pika.DeliveryMode.PERSISTENT)
            await exchange.publish(message, routing_key)

        yield send
    finally:
        await connection.close()


async def send_at_fixed_rate(send: Send, user_ids: Sequence[uuid.UUID], rate: float, seconds: float) -> list[SentEvent]:
    """One event every 1/rate s for the users in turn, each timed when `send` returns."""
    sent: list[SentEvent] = []
    started = time.monotonic()
    for number in range(int(rate * seconds)):
        await asyncio.sleep(max(0.0, started + number / rate - time.monotonic()))
        marker = f"lat-{number:07d}"
        await send(user_ids[number % len(user_ids)], marker)
        sent.append(SentEvent(marker, time.time()))
    return sent


async def wait_for_notifications(run: Run, children: Children, expected: int) -> None:
    """Until `expected` notifications exist and notifications' outbox is empty, then a grace for delivery."""
    connection = await asyncpg.connect(run.dsn("notifications"))
    try:
        deadline = time.monotonic() + EFFECTS_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            notified, unpublished = (
                await connection.fetchval(COUNT_NOTIFICATIONS),
                await connection.fetchval(COUNT_OUTBOX),
            )
            if notified >= expected and not unpublished:
                break
            await watch(children, 0.25)
    finally:
        await connection.close()
    await asyncio.sleep(DELIVERY_GRACE_SECONDS)


async def count_notifications(run: Run) -> int:
    connection = await asyncpg.connect(run.dsn("notifications"))
    try:
        return int(await connection.fetchval(COUNT_NOTIFICATIONS))
    finally:
        await connection.close()


@dataclass(frozen=True)
class LatencyResult:
    clients: dict[str, Any]
    sent: list[SentEvent]
    outcome: dict[str, Any]
    tap: Tap
    usage: Usage

    @property
    def first_receipts(self) -> dict[str, tuple[float, float]]:
        """Per marker: when the first frame for it arrived, and the notification's created_at."""
        first: dict[str, tuple[float, float]] = {}
        for marker, received_at, created_at, _ in self.outcome["receipts"]:
            if marker not in first or received_at < first[marker][0]:
                first[marker] = (received_at, datetime.fromisoformat(created_at).timestamp())
        return first

    @property
    def sending_seconds(self) -> float:
        return self.sent[-1].sent_at - self.sent[0].sent_at if len(self.sent) > 1 else 0.0


async def measure_latency(
    run: Run, args: argparse.Namespace, children: Children, profilers: Children, meter: UsageMeter
) -> LatencyResult:
    print(f"latency: inserting {args.clients:,} users, minting their tokens, connecting their clients ...", flush=True)
    user_ids = await insert_users(run, args.clients)
    ws_clients, clients = await start_clients(run, children, mint_tokens(run, user_ids))
    print(
        f"  {clients['subscribed']:,} clients subscribed in {clients['seconds']:.1f}s "
        f"(failed: {clients['failures'] or 'none'}); sending {args.latency_rate:,.0f} events/s "
        f"for {args.latency_duration}s, {SOURCES[args.latency_source]} ...",
        flush=True,
    )
    baseline = await count_notifications(run)
    async with tapped(run) as tap:
        before = await meter.snapshot()
        start_profiles(profilers, args, children, "latency", args.latency_duration)
        sender = outbox_sender(run) if args.latency_source == "outbox" else broker_sender(run)
        async with sender as send:
            sent = await send_at_fixed_rate(send, user_ids, args.latency_rate, args.latency_duration)
        usage = await meter.since(before)
        await wait_for_notifications(run, children, baseline + len(sent))
        outcome = await stop_clients(ws_clients, children)
    return LatencyResult(clients, sent, outcome, tap, usage)


def percentile(values: Sequence[float], percent: float) -> float:
    """Nearest rank: the smallest value at least `percent` % of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def distribution(milliseconds: Sequence[float]) -> str:
    if not milliseconds:
        return "no data"
    return "  ".join(
        f"{label} {percentile(milliseconds, p):7.1f}"
        for label, p in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))
    )


TIMELINE_COLUMNS = [
    "sent",
    "identity_relay_published",
    "notification_created",
    "notifications_relay_published",
    "client_received",
]


def event_timelines(result: LatencyResult) -> dict[str, list[float]]:
    """Per delivered event (by marker), the unix times of TIMELINE_COLUMNS: tap, frame and client clocks."""
    received = result.first_receipts
    relayed, announced = result.tap.published[USER_REGISTERED], result.tap.published[NOTIFICATION_CREATED]
    timelines = {}
    for event in result.sent:
        if event.marker in received and event.marker in relayed and event.marker in announced:
            received_at, created_at = received[event.marker]
            timelines[event.marker] = [
                event.sent_at,
                relayed[event.marker],
                created_at,
                announced[event.marker],
                received_at,
            ]
    return timelines


def stage_latencies(result: LatencyResult, sent: str) -> dict[str, list[float]]:
    """Each hop of every delivered event, in ms."""
    stages: dict[str, list[float]] = {
        f"{sent} -> the tap got it from the exchange": [],
        "-> notifications created the notification": [],
        "-> notifications' relay published that": [],
        "-> the client received the frame": [],
    }
    hops = list(stages.values())
    for times in event_timelines(result).values():
        for hop, (start, end) in zip(hops, itertools.pairwise(times), strict=True):
            hop.append(1000 * (end - start))
    return stages


def write_timelines(result: LatencyResult, path: Path) -> None:
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["marker", *TIMELINE_COLUMNS])
        for marker, times in event_timelines(result).items():
            writer.writerow([marker, *(f"{moment:.6f}" for moment in times)])


def print_latency(result: LatencyResult, args: argparse.Namespace) -> None:
    sent = SENT[args.latency_source]
    received = result.first_receipts
    latencies = [1000 * (received[e.marker][0] - e.sent_at) for e in result.sent if e.marker in received]
    relayed = result.tap.published[USER_REGISTERED]
    from_exchange = [
        1000 * (received[e.marker][0] - relayed[e.marker])
        for e in result.sent
        if e.marker in received and e.marker in relayed
    ]
    p99 = percentile(latencies, 99) if latencies else None
    verdict = "met" if p99 is not None and p99 <= LATENCY_GOAL_MS else "NOT met"
    rate = len(result.sent) / result.sending_seconds if result.sending_seconds else 0.0
    duplicates = len(result.outcome["receipts"]) - len(received)
    print()
    print(f"LATENCY {sent} -> WebSocket receipt, {result.outcome['subscribed']:,} clients connected:")
    print(
        f"  sent {len(result.sent):,} events in {result.sending_seconds:.1f}s ({rate:,.1f}/s, target "
        f"{args.latency_rate:,.0f}/s) to the clients' users in turn, {SOURCES[args.latency_source]}"
    )
    print(
        f"  received {len(received):,} of {len(result.sent):,} ({duplicates:,} duplicate frames); "
        f"connections closed early: {result.outcome['closed_early'] or 'none'}"
    )
    print(
        f"  {sent} -> receipt, ms:{'':<{14 - len(sent)}}{distribution(latencies)}   "
        f"(goal p99 <= {LATENCY_GOAL_MS:.0f}: {verdict})"
    )
    print(f"  exchange -> receipt, ms:      {distribution(from_exchange)}")
    print("  by hop (the bench's tap on the exchange, the notification's created_at, the client's clock), ms:")
    for stage, values in stage_latencies(result, sent).items():
        print(f"    {stage:<45}{distribution(values)}")
    if args.latency_source == "outbox":
        print(
            "  note: the bench commits like identity's Outbox (rows + NOTIFY in one transaction), so identity's relay "
            "wakes at once; --latency-source broker times the path after the relay."
        )
    result.usage.print("while sending", len(result.sent))


# --- the broker namespace --------------------------------------------------------------------------------------


def broker_queues() -> list[str]:
    """Every queue on the broker, by rabbitmqctl (empty when it is not available)."""
    rabbitmqctl = shutil.which("rabbitmqctl")
    if rabbitmqctl is None:
        return []
    listing = subprocess.run(
        [rabbitmqctl, "list_queues", "--quiet", "--no-table-headers", "name"],
        capture_output=True,
        text=True,
        check=False,
    )
    return listing.stdout.split() if listing.returncode == 0 else []


async def noop_handler(_: object) -> None:
    return None


async def drop_event_namespace(run: Run) -> None:
    """Deletes the run's exchange and every queue under its namespace (listed, or at least the known durable ones)."""
    known = declared_queues(Subscription(run.notifications_queue, [], noop_handler))
    listed = [name for name in broker_queues() if name.startswith(f"{run.namespace}.")]
    connection = await aio_pika.connect(AMQP_URL)
    async with connection:
        for queue in sorted({*known, *listed}):
            with contextlib.suppress(Exception):
                channel = await connection.channel()
                await channel.queue_delete(queue)
                await channel.close()
        channel = await connection.channel()
        await channel.exchange_delete(run.exchange)


# --- the whole run ---------------------------------------------------------------------------------------------


def print_machine(children: Children, args: argparse.Namespace, load_before: tuple[float, float, float]) -> None:
    loads = " ".join(f"{load:.2f}" for load in load_before)
    pids = ", ".join(f"{name} {process.pid}" for name, process in children.processes.items())
    print(f"load average before: {loads} (1/5/15 min); nproc {len(os.sched_getaffinity(0))}; pids: {pids}", flush=True)
    print(
        f"ran: {', '.join(SERVICES)} one process each (wallet also opens an account for every registration the "
        f"bench commits); the gateway {args.gateway_workers} uvicorn worker(s); this process the writers, the "
        "samplers and a tap queue; the WebSocket clients one k6 process (a virtual user each); PostgreSQL, RabbitMQ "
        "and Redis are the machine's shared local servers",
        flush=True,
    )


async def benchmark(run: Run, children: Children, profilers: Children, args: argparse.Namespace) -> int:
    load_before = os.getloadavg()
    print("starting identity, catalog, notifications and the gateway ...", flush=True)
    start_platform(children, service_environment(run), args.gateway_workers)
    await asyncio.to_thread(wait_until_ok, f"http://127.0.0.1:{run.gateway_port}/readyz", children)
    print_machine(children, args, load_before)
    meter = UsageMeter(children, run)
    complete = True
    if not args.skip_throughput:
        throughput = await measure_throughput(run, args, children, profilers, meter)
        print_throughput(throughput)
        complete = throughput.drained_after is not None and throughput.final.notified == throughput.final.committed
    if not args.skip_latency:
        latency = await measure_latency(run, args, children, profilers, meter)
        print_latency(latency, args)
        if args.events_csv is not None:
            write_timelines(latency, args.events_csv)
        complete = complete and len(latency.first_receipts) == len(latency.sent)
    print(
        f"\nbroker connection drops the bench saw (the broker is shared; services reconnect): {run.broker_drops.count}"
    )
    if args.profile is not None:
        print(f"profiles (py-spy collapsed stacks) in {args.profile}")
    if not complete:
        print("error: some events never had their effect (see above)", file=sys.stderr)
    return 0 if complete else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    raise_open_files_limit(args.clients + 1024)  # inherited by the gateway, which holds every client's socket
    run_name = f"agora_bench_events_{uuid.uuid4().hex[:10]}"

    def measured() -> int:
        with tempfile.TemporaryDirectory(prefix="agora-bench-events-") as work_dir:
            run = Run(run_name, Path(work_dir), free_ports(1)[0])
            children, profilers = Children(run.work_dir), Children(run.work_dir)
            try:
                return uvloop.run(benchmark(run, children, profilers, args))
            finally:
                print("stopping processes, dropping the databases and the broker namespace ...", flush=True)
                profilers.stop_all()
                children.stop_all()
                drop_databases(run.database_url)
                try:
                    asyncio.run(drop_event_namespace(run))
                except Exception as error:
                    print(f"warning: could not drop the broker namespace {run.namespace}: {error!r}", file=sys.stderr)

    return exit_code_of(measured)


if __name__ == "__main__":
    raise SystemExit(main())
