"""Benchmarks the order saga in real mode: orders placed at a fixed arrival rate, timed from POST to PAID.

Every service runs as its own process on PostgreSQL, RabbitMQ and Redis, as `agora up` starts them. The setup
(not measured) creates an admin, registers the buyers, tops up their wallets so that no order fails for funds
and creates products with stock for every order. Then order n is sent at n/rate seconds, whatever became of the
earlier ones (open loop), each POST /v1/orders with its own Idempotency-Key. Orders are not polled: once the load
stops and the saga has drained, the time of every step is read from orders' timeline (order_timeline, written by
orders on the same machine clock), and each order's POST -> PAID latency counts from its scheduled send time, so
that a generator or a platform falling behind shows in the latency rather than lowering the rate.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import dataclasses
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import uvloop

from scripts.bench import (
    ROOT,
    BenchError,
    Children,
    add_topology_argument,
    exit_code_of,
    free_ports,
    raise_open_files_limit,
    start_platform,
    topology,
    wait_until_ok,
)
from scripts.bench_events import (
    Run,
    percentile,
    service_environment,
)
from scripts.k6_runner import run_k6, values
from scripts.load_merch import (
    LOG_LINE_CHARACTERS,
    SETUP_CONCURRENCY,
    TIMEOUT_SECONDS,
    TOKEN_TTL_SECONDS,
    User,
    create_users,
    new_client,
    print_service_logs,
    tear_down,
)
from scripts.profiling import add_profile_arguments, check_profile_arguments
from services.platform.settings import SERVICES

ADMIN = ("bench-orders-admin", "bench-orders-admin-password")
PRODUCT_CATEGORY = "bench"
COIN = "COIN"
SETTLED = ("PAID", "CANCELLED", "COMPENSATION_FAILED")
CREATED, TIMED_OUT = 201, "no response within the timeout"

THROUGHPUT_GOAL = 200.0
"""Orders paid per second, sustained over the measured window."""
LATENCY_GOAL_MS = 500.0
"""p99 from the scheduled POST to the order's PAID step."""
GOAL_SHARE = 0.99
"""The share of the goal rate that counts as sustaining it (edges of the window shift a few orders)."""
PROGRESS_SECONDS = 5
DRAIN_POLL_SECONDS = 0.5
SLICE_SECONDS = 5
BUSY_MACHINE_SHARE = 0.9
OPEN_FILES = 8192
MAX_VUS = 2000

POSTGRES_CONNECTIONS = """
    SELECT count(*) FILTER (WHERE backend_type = 'client backend'), current_setting('max_connections')::int
    FROM pg_stat_activity
"""
DATABASE_COMMITS = "SELECT datname, xact_commit FROM pg_stat_database WHERE datname = any($1::text[])"
ORDER_STATES = "SELECT status, count(*) AS orders FROM orders GROUP BY status"
ORDER_STEPS = """
    SELECT o.id, o.status, o.reason, t.status AS step, min(t.at) AS at
    FROM orders o JOIN order_timeline t ON t.order_id = o.id
    GROUP BY o.id, o.status, o.reason, t.status
"""


async def sleep_until(moment: float) -> None:
    await asyncio.sleep(max(0.0, moment - time.monotonic()))


def distribution(values: Sequence[float], percents: Sequence[int] = (50, 95, 99)) -> str:
    if not values:
        return "none"
    return "  ".join(f"p{p} {percentile(values, p):.1f}" for p in percents) + f"  max {max(values):.1f}"


# --- arguments -------------------------------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=200.0, help="orders placed per second (default 200)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds measured (default 30)")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of orders before measuring (default 5)")
    parser.add_argument(
        "--buyers",
        type=int,
        default=200,
        help="buyers the orders go round (default 200; registering is argon2-bound, about 20/s, not measured)",
    )
    parser.add_argument(
        "--products",
        type=int,
        default=1,
        help="products the orders go round, each with stock for all its orders (default 1: one hot stock row)",
    )
    parser.add_argument("--price", type=int, default=1, help="each product's price in COIN (default 1)")
    parser.add_argument(
        "--drain", type=float, default=30.0, help="seconds to wait after the load for the sagas to settle (default 30)"
    )
    parser.add_argument("--gateway-workers", type=int, default=1, help="gateway worker processes (default 1)")
    add_topology_argument(parser)
    parser.add_argument(
        "--pool-size",
        type=int,
        help="AGORA_DATABASE_POOL_SIZE for every service (default: the platform's); each service process may open "
        "half as many again under load, against PostgreSQL's max_connections, which other work shares",
    )
    add_profile_arguments(parser, "every service and the gateway")
    parser.add_argument("--keep", action="store_true", help="leave the platform, databases and logs in place")
    args = parser.parse_args(argv)
    check_profile_arguments(parser, args)
    if args.rate <= 0 or args.duration <= 0 or args.warmup < 0 or args.drain < 0:
        parser.error("--rate and --duration must be positive, --warmup and --drain not negative")
    if min(args.buyers, args.products, args.price, args.gateway_workers, args.pool_size or 1) < 1:
        parser.error("--buyers, --products, --price, --gateway-workers and --pool-size must be at least 1")
    return args


# --- the setup -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Buyer:
    user_id: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Setup:
    buyers: list[Buyer]
    products: list[str]
    buyers_seconds: float
    retries: int
    top_up: int
    """COIN added to each buyer's wallet (on top of the welcome grant)."""
    seconds: float


def user_id_of(user: User) -> str:
    """The `sub` of the user's access token (a JWT; the gateway checked it, no need to here)."""
    payload = user.authorization.removeprefix("Bearer ").split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return str(claims["sub"])


def checked(response: httpx.Response, expected: int, doing: str) -> httpx.Response:
    if response.status_code != expected:
        raise BenchError(f"{doing}: HTTP {response.status_code} {response.text[:LOG_LINE_CHARACTERS]}")
    return response


async def create_admin(run: Run, environment: dict[str, str]) -> None:
    """As an operator does: `agora create-admin` on the services' databases (no admin exists otherwise)."""
    command = [sys.executable, "-m", "services.cli", "create-admin", ADMIN[0]]
    completed = await asyncio.to_thread(
        subprocess.run,
        command,
        cwd=ROOT,
        env={**environment, "AGORA_ADMIN_PASSWORD": ADMIN[1]},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BenchError(f"agora create-admin failed ({completed.returncode}): {completed.stderr[-2000:]}")


async def log_in_admin(client: httpx.AsyncClient) -> dict[str, str]:
    response = await client.post("/v1/auth/login", json={"username": ADMIN[0], "password": ADMIN[1]})
    return {"Authorization": f"Bearer {checked(response, 200, 'logging the admin in').json()['access_token']}"}


async def create_products(
    client: httpx.AsyncClient, admin: dict[str, str], count: int, stock: int, price: int
) -> list[str]:
    run = uuid.uuid4().hex[:6]
    ids = []
    for number in range(count):
        body = {
            "name": f"Bench item {run}-{number}",
            "category": PRODUCT_CATEGORY,
            "price": {"amount": price, "currency": COIN},
            "stock": stock,
        }
        created = checked(await client.post("/v1/products", json=body, headers=admin), CREATED, "creating a product")
        ids.append(str(created.json()["id"]))
    return ids


async def top_up_all(client: httpx.AsyncClient, admin: dict[str, str], user_ids: list[str], amount: int) -> None:
    """`amount` COIN to each user, SETUP_CONCURRENCY top-ups in flight."""
    pending = iter(user_ids)

    async def top_up_pending() -> None:
        for user_id in pending:
            body = {"user_id": user_id, "amount": {"amount": amount, "currency": COIN}}
            headers = admin | {"Idempotency-Key": uuid.uuid4().hex}
            checked(await client.post("/v1/wallet/top-ups", json=body, headers=headers), CREATED, "topping up")

    await asyncio.gather(*(top_up_pending() for _ in range(SETUP_CONCURRENCY)))


async def set_up(run: Run, environment: dict[str, str], children: Children, args: argparse.Namespace) -> Setup:
    started = time.monotonic()
    gateway = f"http://127.0.0.1:{run.gateway_port}"
    orders = total_orders(args)
    print(f"creating the admin and registering {args.buyers:,} buyers (POST /api/auth) ...", flush=True)
    await create_admin(run, environment)
    users = await create_users(gateway, args.buyers, children)
    orders_each = math.ceil(orders / args.buyers)
    top_up = orders_each * args.price
    print(f"  registered in {users.seconds:.1f}s; topping up each by {top_up:,} COIN, creating {args.products} "
          f"product(s) with stock for {orders:,} orders ...", flush=True)  # fmt: skip
    buyers = [Buyer(user_id_of(user), {"Authorization": user.authorization}) for user in users.users]
    async with new_client(gateway, SETUP_CONCURRENCY) as client:
        admin = await log_in_admin(client)
        products = await create_products(client, admin, args.products, math.ceil(orders / args.products), args.price)
        await top_up_all(client, admin, [buyer.user_id for buyer in buyers], top_up)
    return Setup(buyers, products, users.seconds, users.retries, top_up, time.monotonic() - started)


def total_orders(args: argparse.Namespace) -> int:
    return warmup_orders(args) + round(float(args.duration) * float(args.rate))


def warmup_orders(args: argparse.Namespace) -> int:
    return round(float(args.warmup) * float(args.rate))


def server_dsn(run: Run) -> str:
    """The PostgreSQL server's own `postgres` database (for its statistics, without counting in the run's)."""
    return run.dsn("postgres").rsplit("/", 1)[0] + "/postgres"


async def postgres_connections(run: Run) -> tuple[int, int]:
    """Client connections open on the (shared) PostgreSQL server, and its max_connections."""
    connection = await asyncpg.connect(server_dsn(run))
    try:
        row = await connection.fetchrow(POSTGRES_CONNECTIONS)
    finally:
        await connection.close()
    assert row is not None
    return int(row[0]), int(row[1])


# --- the load, sent by k6 --------------------------------------------------------------------------------------


ORDER_LINE = "agora-order "
"""What the k6 script logs for each placement: phase, outcome, order id (or -), sent and answered (unix ms)."""


@dataclass(slots=True)
class Placement:
    """One order's POST: when it was sent and answered (unix time, k6's clock), and its outcome."""

    measured: bool
    sent: float
    answered: float
    outcome: str
    """Its status ("201", "503", ...) or k6's error code when no response came."""
    order_id: str | None = None


@dataclass
class Load:
    placements: list[Placement]
    window_started_at: float
    """Unix time at the measured window's start."""
    dropped: int
    """Arrivals k6 could not send on time for want of a free virtual user."""


def placements_in(log: Sequence[str]) -> list[Placement]:
    placements = []
    for line in log:
        if ORDER_LINE not in line:
            continue
        phase, outcome, order_id, sent, answered = line.split(ORDER_LINE, 1)[1].split()[:5]
        placements.append(Placement(
            phase == "measured", int(sent) / 1000, int(answered.strip('"')) / 1000, outcome,
            None if order_id == "-" else order_id,
        ))  # fmt: skip
    return placements


async def order_states(connection: asyncpg.Connection) -> Counter[str]:
    return Counter({row["status"]: int(row["orders"]) for row in await connection.fetch(ORDER_STATES)})


async def show_progress(run: Run, started: float, load_done: asyncio.Event) -> None:
    """Every PROGRESS_SECONDS, the orders by status (one query on orders' database)."""
    connection = await asyncpg.connect(run.dsn("orders"))
    try:
        while not load_done.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(load_done.wait(), PROGRESS_SECONDS)
            states = await order_states(connection)
            shown = ", ".join(f"{status} {count:,}" for status, count in sorted(states.items()))
            print(f"  {time.monotonic() - started:5.1f}s after the first order: {shown or 'no orders yet'}", flush=True)
    finally:
        await connection.close()


async def drain(run: Run, children: Children, seconds: float) -> tuple[float, Counter[str]]:
    """Waits until every order is settled or `seconds` passed; returns the wait and the orders by status."""
    started = time.monotonic()
    connection = await asyncpg.connect(run.dsn("orders"))
    try:
        while True:
            states = await order_states(connection)
            unsettled = sum(count for status, count in states.items() if status not in SETTLED)
            if not unsettled or time.monotonic() - started >= seconds:
                return time.monotonic() - started, states
            children.check_alive()
            await asyncio.sleep(DRAIN_POLL_SECONDS)
    finally:
        await connection.close()


@dataclass(frozen=True)
class Order:
    status: str
    reason: str
    steps: dict[str, float]
    """Unix time of each status the order went through (its first time), from orders' timeline."""


async def read_orders(run: Run) -> dict[str, Order]:
    connection = await asyncpg.connect(run.dsn("orders"))
    try:
        rows = await connection.fetch(ORDER_STEPS)
    finally:
        await connection.close()
    orders: dict[str, Order] = {}
    for row in rows:
        order = orders.setdefault(str(row["id"]), Order(row["status"], row["reason"], {}))
        order.steps[row["step"]] = row["at"].timestamp()
    return orders


async def database_commits(run: Run) -> dict[str, int]:
    """Transactions committed so far in each service's database (PostgreSQL's statistics, flushed every second)."""
    connection = await asyncpg.connect(server_dsn(run))
    try:
        rows = await connection.fetch(DATABASE_COMMITS, [f"{run.name}_{service}" for service in SERVICES])
    finally:
        await connection.close()
    return {row["datname"].removeprefix(f"{run.name}_"): int(row["xact_commit"]) for row in rows}


@dataclass(frozen=True)
class Usage:
    """What the measured window cost: CPU per component (% of one core) and commits per service database."""

    cpu: dict[str, float]
    seconds: float
    commits: dict[str, int]


async def place_orders(
    run: Run, setup: Setup, args: argparse.Namespace, children: Children, profilers: Children
) -> tuple[Load, Usage]:
    """k6 places the orders; CPU and PostgreSQL commits are taken over the measured window."""
    buyers, products = run.work_dir / "buyers.json", run.work_dir / "products.json"
    buyers.write_text(json.dumps([buyer.headers["Authorization"].removeprefix("Bearer ") for buyer in setup.buyers]))
    products.write_text(json.dumps(setup.products))
    settings = {
        "AGORA_GATEWAY": f"http://127.0.0.1:{run.gateway_port}",
        "AGORA_BUYERS": str(buyers),
        "AGORA_PRODUCTS": str(products),
        "AGORA_RATE": str(args.rate),
        "AGORA_MAX_VUS": str(MAX_VUS),
        "AGORA_TIMEOUT": str(TIMEOUT_SECONDS),
    }
    commits: list[dict[str, int]] = []

    async def count_commits(edge: str) -> None:
        commits.append(await database_commits(run))

    done = await run_k6("orders.js", settings, run.work_dir, args.warmup, args.duration, children,
                        (profilers, args), count_commits)  # fmt: skip
    before, after = commits
    committed = {name: count - before.get(name, 0) for name, count in after.items()}
    dropped = sum(int(values(done.summary, "dropped_iterations", f"scenario:{s}").get("count", 0))
                  for s in ("warmup", "measured"))  # fmt: skip
    load = Load(placements_in(done.log), done.window_started_at, dropped)
    return load, Usage(done.cpu_percent, done.window_seconds, committed)


# --- the report ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    args: argparse.Namespace
    setup: Setup
    load: Load
    orders: dict[str, Order]
    drained_after: float
    states: Counter[str]
    usage: Usage

    @property
    def window(self) -> tuple[float, float]:
        """The measured window, unix time: from the first measured order's send, `duration` long."""
        begin = self.load.window_started_at
        return begin, begin + self.args.duration

    @property
    def measured(self) -> list[Placement]:
        return [placement for placement in self.load.placements if placement.measured]

    def order_of(self, placement: Placement) -> Order | None:
        return self.orders.get(placement.order_id) if placement.order_id else None

    def since_sent(self, step: str) -> list[float]:
        """ms from each measured order's POST to its `step`, for the orders that reached it."""
        latencies = []
        for placement in self.measured:
            order = self.order_of(placement)
            if order is not None and step in order.steps:
                latencies.append(1000 * (order.steps[step] - placement.sent))
        return latencies

    def between(self, first: str, then: str) -> list[float]:
        """ms from `first` to `then` of each measured order that went through both."""
        return [
            1000 * (order.steps[then] - order.steps[first])
            for placement in self.measured
            if (order := self.order_of(placement)) is not None and first in order.steps and then in order.steps
        ]

    def paid_in_window(self) -> list[float]:
        """Unix times of the PAID steps (of any order, warm-up included) inside the measured window."""
        begin, end = self.window
        return [paid for order in self.orders.values() if begin <= (paid := order.steps.get("PAID", -1.0)) < end]


@dataclass(frozen=True)
class Machine:
    """What else the machine was doing: the benchmark shares its cores and servers."""

    load_before: tuple[float, float, float]
    """The load average before the platform started."""
    postgres_before: tuple[int, int]
    """PostgreSQL's client connections open then, and its max_connections."""
    load_at_start: tuple[float, float, float] = (0.0, 0.0, 0.0)
    """The load average when the orders started (after the setup, whose hashing raises it)."""


def print_setup(outcome: Outcome, machine: Machine) -> None:
    args, setup = outcome.args, outcome.setup
    before, at_start = (
        " ".join(f"{load:.2f}" for load in loads) for loads in (machine.load_before, machine.load_at_start)
    )
    print()
    print("ORDERS, real mode, k6 constant-arrival-rate (open loop): POST /v1/orders -> PAID")
    print(f"command: {shlex.join([sys.executable, *sys.argv])}")
    print(
        f"machine: nproc {len(os.sched_getaffinity(0))}; load average (1/5/15 min) before the platform started: "
        f"{before}, when the orders started: {at_start}; PostgreSQL client connections before: "
        f"{machine.postgres_before[0]} of max_connections {machine.postgres_before[1]}"
    )
    print(
        f"platform: {', '.join(SERVICES)} one process each unless run in the gateway; the gateway "
        f"{args.gateway_workers} uvicorn worker(s); PostgreSQL, RabbitMQ and Redis the machine's shared local servers"
    )
    print(f"topology: {topology(args.in_process)}")
    print(
        f"setup ({setup.seconds:.1f}s, not measured): {len(setup.buyers):,} buyers registered in "
        f"{setup.buyers_seconds:.1f}s ({setup.retries} retries), each topped up by {setup.top_up:,} COIN; "
        f"{len(setup.products)} product(s) at {args.price} COIN, stock for every order; 1 unit per order"
    )
    print(
        f"load: {args.rate:,.0f} orders/s for {args.duration:.0f}s measured after {args.warmup:.0f}s of warm-up, "
        f"buyers and products in turn; generator: k6 constant-arrival-rate, keep-alive, "
        f"{TIMEOUT_SECONDS:.0f}s timeout; latency from each order's send"
    )


def print_orders(outcome: Outcome) -> None:
    placements, measured = outcome.load.placements, outcome.measured
    outcomes = Counter(placement.outcome for placement in placements)
    placed = outcomes.pop(str(CREATED), 0)
    failed = ", ".join(f"{kind} {count:,}" for kind, count in outcomes.most_common()) or "none"
    print(f"orders sent: {len(placements):,} ({len(measured):,} measured); placed (201): {placed:,}; "
          f"POST failures: {failed}")  # fmt: skip
    if outcome.load.dropped:
        print(f"  not sent for want of a free k6 virtual user: {outcome.load.dropped:,}")
    states = outcome.states
    unsettled = {status: count for status, count in states.items() if status not in SETTLED}
    which = f" {unsettled}" if unsettled else ""
    print(
        f"orders in orders' database after {outcome.drained_after:.1f}s of drain: {sum(states.values()):,}; "
        f"paid {states['PAID']:,}, cancelled {states['CANCELLED']:,}, compensation failed "
        f"{states['COMPENSATION_FAILED']:,}, still unsettled {sum(unsettled.values()):,}{which}"
    )
    answered = {placement.order_id for placement in placements if placement.order_id is not None}
    if unanswered := len(outcome.orders.keys() - answered):
        print(
            f"  of which {unanswered:,} placed for a POST that got no 201 (it timed out, or the gateway's deadline "
            "passed, while orders went on to commit it): work done for callers that had given up"
        )
    cancelled = ("CANCELLED", "COMPENSATION_FAILED")
    reasons = Counter(order.reason for order in outcome.orders.values() if order.status in cancelled)
    for reason, count in reasons.most_common():
        print(f"  cancelled {count:>6,}: {reason or '(no reason)'}")


def print_throughput(outcome: Outcome) -> float:
    """The completion lines; returns orders paid per second over the measured window."""
    begin, _ = outcome.window
    paid = outcome.paid_in_window()
    rate = len(paid) / float(outcome.args.duration)
    measured = outcome.measured
    measured_paid = sum(1 for p in measured if (order := outcome.order_of(p)) is not None and order.status == "PAID")
    print(
        f"completed: {len(paid):,} orders reached PAID within the {outcome.args.duration:.0f}s window = "
        f"{rate:,.1f} paid/s (offered {outcome.args.rate:,.0f}/s); of the {len(measured):,} orders sent in the "
        f"window, {measured_paid:,} paid by the end of the drain"
    )
    slices = Counter(int((moment - begin) // SLICE_SECONDS) for moment in paid)
    count = math.ceil(outcome.args.duration / SLICE_SECONDS)
    per_slice = " ".join(f"{slices[index] / SLICE_SECONDS:.0f}" for index in range(count))
    print(f"  paid/s in each {SLICE_SECONDS}s of the window: {per_slice}")
    return rate


def print_latencies(outcome: Outcome) -> float:
    """The latency lines; returns the POST -> PAID p99 (ms, infinite when no order was paid)."""
    measured = outcome.measured
    posts = [1000 * (p.answered - p.sent) for p in measured]
    paid = outcome.since_sent("PAID")
    print("latency of the measured orders, ms:")
    print(
        f"  POST -> PAID{'':<38}{distribution(paid)}  (the {len(paid):,} of "
        f"{len(measured):,} paid; orders never paid are not in these percentiles)"
    )
    print(f"  POST -> response{'':<34}{distribution(posts)}")
    print("  by saga step (orders' timeline):")
    hops = {
        "send -> PENDING committed by orders": outcome.since_sent("PENDING"),
        "PENDING -> RESERVED (via catalog)": outcome.between("PENDING", "RESERVED"),
        "RESERVED -> PAID (via wallet)": outcome.between("RESERVED", "PAID"),
    }
    for label, hop in hops.items():
        print(f"    {label:<46}{distribution(hop)}")
    return percentile(paid, 99) if paid else math.inf


def print_verdict(rate: float, p99: float, outcome: Outcome) -> None:
    unpaid = sum(1 for p in outcome.measured if (o := outcome.order_of(p)) is None or o.status != "PAID")
    met = rate >= GOAL_SHARE * THROUGHPUT_GOAL and p99 <= LATENCY_GOAL_MS and not unpaid
    print(
        f"goal >= {THROUGHPUT_GOAL:.0f} orders/s paid, sustained, with POST -> PAID p99 <= {LATENCY_GOAL_MS:.0f} ms "
        f"and every measured order paid: {'met' if met else 'NOT met'} ({rate:,.1f}/s, p99 {p99:,.1f} ms, "
        f"{unpaid:,} measured orders not paid)"
    )


def print_cpu(outcome: Outcome) -> None:
    """CPU per component over the measured window: seconds, percent of one core and ms per order paid in it."""
    usage, paid = outcome.usage, max(1, len(outcome.paid_in_window()))
    print(f"CPU during the measured window ({usage.seconds:.1f}s; {paid:,} orders paid in it):")
    print(f"  {'':<30}{'seconds':>8}{'% core':>8}{'ms/paid':>9}")
    for label, percent in usage.cpu.items():
        used = percent * usage.seconds / 100
        print(f"  {label:<30}{used:>8.1f}{percent:>8.0f}{1000 * used / paid:>9.2f}")
    print(f"  (the machine has {len(os.sched_getaffinity(0))} cores; k6 is the load generator)")
    commits = ", ".join(f"{name} {count / paid:.1f}" for name, count in usage.commits.items())
    print(f"PostgreSQL commits in the window per order paid in it: {commits}")


def print_limits(outcome: Outcome) -> None:
    notes = []
    if outcome.load.dropped:
        notes.append(f"k6 had no free virtual user for {outcome.load.dropped:,} arrivals")
    cores, machine = len(os.sched_getaffinity(0)), outcome.usage.cpu["machine total"]
    if machine >= BUSY_MACHINE_SHARE * 100 * cores:
        notes.append(f"the machine's CPUs were busy {machine:.0f}% of {100 * cores}%")
    services = {label: percent for label, percent in outcome.usage.cpu.items() if label in (*SERVICES, "gateway")}
    if services:
        busiest = max(services, key=services.__getitem__)
        notes.append(f"the busiest service was {busiest} ({services[busiest]:.0f}% of one core; one process each)")
    print("limits: " + "; ".join(notes))


def print_report(outcome: Outcome, machine: Machine) -> None:
    print_setup(outcome, machine)
    print()
    print_orders(outcome)
    rate = print_throughput(outcome)
    p99 = print_latencies(outcome)
    print_verdict(rate, p99, outcome)
    print()
    print_cpu(outcome)
    print_limits(outcome)


# --- the whole run ---------------------------------------------------------------------------------------------


async def benchmark(run: Run, children: Children, profilers: Children, args: argparse.Namespace) -> int:
    machine = Machine(os.getloadavg(), await postgres_connections(run))
    print(f"run {run.name}: databases {run.name}_<service>, broker namespace {run.namespace}, logs in {run.work_dir}")
    print(f"starting {', '.join(SERVICES)} and the gateway ...", flush=True)
    environment = {**service_environment(run), "AGORA_ACCESS_TOKEN_TTL_SECONDS": str(TOKEN_TTL_SECONDS)}
    if args.pool_size is not None:
        environment["AGORA_DATABASE_POOL_SIZE"] = str(args.pool_size)
    start_platform(children, environment, args.gateway_workers, in_process=args.in_process)
    gateway = f"http://127.0.0.1:{run.gateway_port}"
    await asyncio.to_thread(wait_until_ok, f"{gateway}/readyz", children)
    setup = await set_up(run, environment, children, args)
    print(f"placing {args.rate:,.0f} orders/s: {args.warmup:.0f}s of warm-up, then {args.duration:.0f}s measured ...",
          flush=True)  # fmt: skip
    machine = dataclasses.replace(machine, load_at_start=os.getloadavg())
    started, done = time.monotonic(), asyncio.Event()
    progress = asyncio.create_task(show_progress(run, started, done))
    try:
        load, usage = await place_orders(run, setup, args, children, profilers)
    finally:
        done.set()
        await progress
    print(f"load sent; waiting up to {args.drain:.0f}s for the sagas to settle ...", flush=True)
    drained_after, states = await drain(run, children, args.drain)
    orders = await read_orders(run)
    print_report(Outcome(args, setup, load, orders, drained_after, states, usage), machine)
    print()
    print_service_logs(children)
    children.check_alive()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    raise_open_files_limit(OPEN_FILES)  # inherited by the gateway, which holds every client connection
    work_dir = Path(tempfile.mkdtemp(prefix="agora-bench-orders-"))
    run = Run(f"agora_bench_orders_{uuid.uuid4().hex[:10]}", work_dir, free_ports(1)[0])
    children, profilers = Children(work_dir), Children(work_dir)

    def measured() -> int:
        try:
            return uvloop.run(benchmark(run, children, profilers, args))
        finally:
            profilers.stop_all()
            if args.keep:
                print(f"kept (--keep): the gateway on http://127.0.0.1:{run.gateway_port}; logs in {run.work_dir}; "
                      f"databases {run.name}_<service>; broker namespace {run.namespace}")  # fmt: skip
            else:
                tear_down(run, children)

    return exit_code_of(measured, on_error=lambda: print_service_logs(children))


if __name__ == "__main__":
    raise SystemExit(main())
