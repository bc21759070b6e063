"""Loads the merch shop API (/api) in real mode at a fixed arrival rate (open loop) and reports latency per endpoint.

Every service runs as its own process on PostgreSQL, RabbitMQ and Redis, as `agora up` starts them. The setup
creates the users through POST /api/auth (not measured); then requests are sent on a precomputed schedule, each
at its time whether or not earlier ones have returned, and each is timed from its scheduled send time, so that a
generator or a platform falling behind shows in the latency instead of lowering the rate.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import shutil
import ssl
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aio_pika
import asyncpg
import httpx
import uvloop

from scripts.bench import (
    BenchError,
    Children,
    add_topology_argument,
    drop_databases,
    exit_code_of,
    free_ports,
    raise_open_files_limit,
    start_platform,
    topology,
    wait_until_ok,
)
from scripts.bench_events import (
    AMQP_URL,
    Run,
    drop_event_namespace,
    noop_handler,
    service_environment,
)
from scripts.k6_runner import K6_LABEL, run_k6, values
from scripts.otlp_collector import collecting
from scripts.profiling import add_profile_arguments, check_profile_arguments
from services.platform.bus import Subscription
from services.platform.bus.rabbitmq import declared_queues
from services.platform.settings import SERVICES

ENDPOINTS = {
    "info": "GET /api/info",
    "buy": "GET /api/buy/{item}",
    "send": "POST /api/sendCoin",
    "auth": "POST /api/auth",
}
DEFAULT_MIX = "info=50,buy=25,send=23,auth=2"
ITEM_PRICES = {
    "t-shirt": 80,
    "cup": 20,
    "book": 50,
    "pen": 10,
    "powerbank": 200,
    "hoody": 300,
    "umbrella": 200,
    "socks": 10,
    "wallet": 50,
    "pink-hoody": 500,
}
# Each item in inverse proportion to its price: a buy costs 31.5 coins on average, so a user's 1,000 coins last.
ITEMS = list(ITEM_PRICES)
ITEM_WEIGHTS = [1 / price for price in ITEM_PRICES.values()]
# wallet's InsufficientFunds messages, which the gateway passes on as a 400: a business refusal, not a failure.
INSUFFICIENT_FUNDS = ("not enough", "no money")
OK, REFUSED = "ok", "refused"
TIMED_OUT = "no response within the timeout"

# Registrations in flight: identity hashes two passwords at a time, so more only wait there, and those waiting
# longer than the gateway's gRPC deadline (5 s) fail. A registration that fails with a 5xx or gets no answer is
# retried (POST /api/auth logs in a user whose registration went through after the gateway gave up).
SETUP_CONCURRENCY = 16
SETUP_ATTEMPTS = 3
TIMEOUT_SECONDS = 10.0
TOKEN_TTL_SECONDS = 3600
OPEN_FILES = 8192
PROGRESS_SECONDS = 5
TARGET_P99_MS = 50.0
TARGET_SUCCESS_PERCENT = 99.99
TARGET_RATE_SHARE = 0.99
TARGET_CPU_MS_PER_REQUEST = 1.5
BUSY_MACHINE_SHARE = 0.9
MAX_VUS = 2000
NOT_THE_PLATFORM = (K6_LABEL, "orchestration (this process)", "other processes", "machine total")
LOG_LINES_SHOWN = 5
LOG_LINE_CHARACTERS = 300


# --- arguments -------------------------------------------------------------------------------------------------


def parse_mix(text: str) -> dict[str, float]:
    """The weight of each endpoint, from "info=50,buy=25,send=23,auth=2"."""
    mix: dict[str, float] = {}
    for part in text.split(","):
        name, separator, weight = (piece.strip() for piece in part.partition("="))
        if not separator or name not in ENDPOINTS:
            raise argparse.ArgumentTypeError(f"{part!r}: expected NAME=WEIGHT with NAME one of {', '.join(ENDPOINTS)}")
        try:
            mix[name] = float(weight)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{part!r}: the weight is not a number") from None
        if mix[name] < 0:
            raise argparse.ArgumentTypeError(f"{part!r}: the weight is negative")
    if sum(mix.values()) <= 0:
        raise argparse.ArgumentTypeError("the mix has no positive weight")
    return mix


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10_000, help="users created before the load (default 10,000)")
    parser.add_argument("--rate", type=float, default=1000.0, help="requests sent per second (default 1,000)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds measured (default 60)")
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds of load before measuring (default 10)")
    parser.add_argument(
        "--mix",
        type=parse_mix,
        default=parse_mix(DEFAULT_MIX),
        help=f"weight of each request kind (default {DEFAULT_MIX}; auth is a known user logging in again)",
    )
    parser.add_argument("--gateway-workers", type=int, default=1, help="gateway worker processes (default 1)")
    parser.add_argument("--wallet-processes", type=int, default=1, help="wallet processes (default 1)")
    add_topology_argument(parser)
    parser.add_argument(
        "--max-vus",
        type=int,
        default=MAX_VUS,
        help=f"virtual users each endpoint's scenario may grow to; one holds a request in flight (default {MAX_VUS})",
    )
    parser.add_argument(
        "--tracing", action="store_true", help="every process exports its spans over OTLP to a collector the bench runs"
    )
    parser.add_argument(
        "--access-log", action="store_true", help="log at INFO, so the gateway writes an access-log line per request"
    )
    parser.add_argument("--keep", action="store_true", help="leave the platform, databases and logs in place")
    add_profile_arguments(parser, "every service and the gateway")
    args = parser.parse_args(argv)
    check_profile_arguments(parser, args)
    if args.users < 2:
        parser.error("--users must be at least 2 (sendCoin needs another user)")
    if args.rate <= 0 or args.duration <= 0 or args.warmup < 0:
        parser.error("--rate and --duration must be positive, --warmup not negative")
    if min(args.max_vus, args.gateway_workers, args.wallet_processes) < 1:
        parser.error("--max-vus, --gateway-workers and --wallet-processes must be at least 1")
    if "wallet" in args.in_process and args.wallet_processes > 1:
        parser.error("--wallet-processes: wallet runs in every gateway worker (--in-process), ask for more workers")
    return args


# --- users and the setup ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class User:
    username: str
    password: str
    authorization: str = ""

    def log_in_with(self, token: str) -> None:
        self.authorization = f"Bearer {token}"


def new_client(gateway: str, connections: int, tls: ssl.SSLContext | None = None) -> httpx.AsyncClient:
    """HTTP/1.1 with keep-alive, up to `connections` pooled connections."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    return httpx.AsyncClient(base_url=gateway, limits=limits, timeout=TIMEOUT_SECONDS, verify=tls or True)


async def log_in(client: httpx.AsyncClient, user: User) -> httpx.Response:
    return await client.post("/api/auth", json={"username": user.username, "password": user.password})


def token_of(response: httpx.Response) -> str | None:
    """The access token of a 200 from POST /api/auth."""
    if response.status_code != 200:
        return None
    token = response.json().get("token")
    return token if isinstance(token, str) else None


async def register(client: httpx.AsyncClient, user: User) -> int:
    """Creates the user and keeps its token; returns how many attempts failed before (with a 5xx or no answer)."""
    for attempt in range(SETUP_ATTEMPTS):
        try:
            response = await log_in(client, user)
        except httpx.HTTPError as error:
            problem = repr(error)
            continue
        if (token := token_of(response)) is not None:
            user.log_in_with(token)
            return attempt
        problem = f"HTTP {response.status_code} {response.text[:LOG_LINE_CHARACTERS]}"
        if response.status_code < 500:
            break
    raise BenchError(f"creating {user.username} (attempt {attempt + 1} of {SETUP_ATTEMPTS}): {problem}")


@dataclass(frozen=True)
class Setup:
    users: list[User]
    seconds: float
    retries: int


async def create_users(gateway: str, count: int, children: Children) -> Setup:
    """`count` new users, SETUP_CONCURRENCY registrations in flight."""
    users = [User(f"merch-user-{number:05d}", f"password-{number:05d}") for number in range(count)]
    pending = iter(users)
    created = retries = 0
    started = time.monotonic()

    async def register_pending(client: httpx.AsyncClient) -> None:
        nonlocal created, retries
        for user in pending:
            retries += await register(client, user)
            created += 1

    async def show_progress() -> None:
        while True:
            await asyncio.sleep(PROGRESS_SECONDS)
            rate = created / (time.monotonic() - started)
            print(f"  {created:,}/{count:,} users ({rate:.0f}/s, {retries:,} retries)", flush=True)

    async with new_client(gateway, SETUP_CONCURRENCY) as client:
        tasks = [asyncio.create_task(register_pending(client)) for _ in range(SETUP_CONCURRENCY)]
        progress = asyncio.create_task(show_progress())
        try:
            await asyncio.gather(*tasks)
        except BenchError:
            children.check_alive()  # a crashed service explains the failure better, with its log
            raise
        finally:
            for task in [*tasks, progress]:
                task.cancel()
    return Setup(users, time.monotonic() - started, retries)


# --- the load, sent by k6 --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """One endpoint's (or all endpoints') measured requests, from k6's summary."""

    count: int
    succeeded: float
    """Share that succeeded: a 200, or a 400 refusal for want of coins."""
    answered: float
    """Share that got any HTTP answer (no timeout, no connection error)."""
    refused: int
    dropped: int
    """Arrivals k6 could not send on time for want of a free virtual user (the generator's limit, not counted above)."""
    latency: dict[str, float]
    """ms: med, p(95), p(99), max, from the request's send to the end of its response."""
    blocked_p99: float
    """ms a request waited for a connection (k6's http_req_blocked), p99."""

    @property
    def failed(self) -> int:
        return round(self.count * (1 - self.succeeded))


def figures_of(summary: dict[str, Any], selector: str) -> Figures:
    latency = values(summary, "http_req_duration", selector)
    return Figures(
        count=int(latency.get("count", 0)),
        succeeded=values(summary, "merch_succeeded", selector).get("rate", 0.0),
        answered=values(summary, "merch_answered", selector).get("rate", 0.0),
        refused=int(values(summary, "merch_refused", selector).get("count", 0)),
        dropped=int(values(summary, "dropped_iterations", selector).get("count", 0)),
        latency={stat: latency.get(stat, math.nan) for stat in ("med", "p(95)", "p(99)", "max")},
        blocked_p99=values(summary, "http_req_blocked", selector).get("p(99)", math.nan),
    )


def per_minute(args: argparse.Namespace) -> dict[str, int]:
    total = sum(args.mix.values())
    return {name: round(60 * args.rate * weight / total) for name, weight in args.mix.items()}


@dataclass(frozen=True)
class Measurement:
    endpoints: dict[str, Figures]
    warmups: dict[str, Figures]
    overall: Figures
    cpu_percent: dict[str, float]
    """CpuMeter's usage over the measured window: percent of one core per component, k6 among them."""
    window_seconds: float
    k6_warnings: list[str]


async def measure(
    run: Run, setup: Setup, args: argparse.Namespace, children: Children, profilers: Children
) -> Measurement:
    """Runs k6 over the users the setup made, with CPU snapshots around the measured window."""
    users = run.work_dir / "users.json"
    users.write_text(json.dumps([
        {"username": u.username, "password": u.password, "token": u.authorization.removeprefix("Bearer ")}
        for u in setup.users
    ]))  # fmt: skip
    settings = {
        "AGORA_GATEWAY": f"http://127.0.0.1:{run.gateway_port}",
        "AGORA_USERS": str(users),
        "AGORA_RATES": json.dumps(per_minute(args)),
        "AGORA_MAX_VUS": str(args.max_vus),
        "AGORA_TIMEOUT": str(TIMEOUT_SECONDS),
    }
    done = await run_k6("merch.js", settings, run.work_dir, args.warmup, args.duration, children, (profilers, args))
    endpoints = {name: figures_of(done.summary, f"scenario:{name}") for name in ENDPOINTS if args.mix.get(name, 0) > 0}
    warmups = {name: figures_of(done.summary, f"scenario:warmup_{name}") for name in endpoints}
    overall = figures_of(done.summary, "phase:measured")
    return Measurement(endpoints, warmups, overall, done.cpu_percent, done.window_seconds, done.log)


# --- the report ------------------------------------------------------------------------------------------------


def latency_row(label: str, figures: Figures) -> str:
    if not figures.count:
        return f"{label:<22}{0:>8}"
    percentiles = "".join(f"{figures.latency[stat]:>9.1f}" for stat in ("med", "p(95)", "p(99)", "max"))
    return (f"{label:<22}{figures.count:>8,}{100 * figures.succeeded:>10.3f}{100 * figures.answered:>10.3f}"
            f"{figures.refused:>9,}{figures.failed:>8,}{figures.dropped:>9,}{percentiles}")  # fmt: skip


def print_setup(args: argparse.Namespace, load_before: tuple[float, float, float], setup: Setup) -> None:
    loads = " ".join(f"{load:.2f}" for load in load_before)
    total = sum(args.mix.values())
    mix = ", ".join(f"{name} {100 * weight / total:.0f}%" for name, weight in args.mix.items())
    print()
    print("MERCH SHOP LOAD, real mode, k6 constant-arrival-rate (open loop)")
    print(f"machine: nproc {len(os.sched_getaffinity(0))}; load average before: {loads} (1/5/15 min)")
    print(
        f"platform: {', '.join(SERVICES)} one process each (wallet {args.wallet_processes}) unless run in the "
        f"gateway; the gateway "
        f"{args.gateway_workers} uvicorn worker(s); PostgreSQL, RabbitMQ and Redis the machine's shared local servers"
    )
    print(f"topology: {topology(args.in_process)}")
    print(f"users: {args.users:,}, created in {setup.seconds:.1f}s ({args.users / setup.seconds:.0f}/s, "
          f"{SETUP_CONCURRENCY} in flight, {setup.retries:,} retries, not measured)")  # fmt: skip
    print(f"mix: {mix} (auth: a user logging in again; buy: cheap items more often; sendCoin: 1-3 coins)")
    print(
        f"load: {args.rate:,.0f} req/s for {args.duration:.0f}s measured after {args.warmup:.0f}s of warm-up; "
        f"k6 (one scenario per endpoint, up to {args.max_vus:,} virtual users each, keep-alive, "
        f"{TIMEOUT_SECONDS:.0f}s timeout)"
    )


def print_latencies(args: argparse.Namespace, measurement: Measurement) -> tuple[float, float, float]:
    """The throughput and latency lines; returns overall p99 (ms), answered (%) and the achieved rate."""
    overall = measurement.overall
    achieved = overall.count * overall.answered / args.duration
    print(
        f"achieved: {overall.count:,} requests sent in the {args.duration:.0f}s measured, "
        f"{overall.count * overall.answered:,.0f} answered = {achieved:,.1f} req/s (offered {args.rate:,.0f}); "
        f"not sent for want of a virtual user: {overall.dropped:,}"
    )
    print(f"waiting for a connection (k6 http_req_blocked) p99: {overall.blocked_p99:.2f} ms")
    print("latency from send to response, ms (every measured request, failures included):")
    print(f"{'':<22}{'count':>8}{'success%':>10}{'answered%':>10}{'refused':>9}{'failed':>8}{'dropped':>9}"
          f"{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}")  # fmt: skip
    for endpoint, figures in measurement.endpoints.items():
        print(latency_row(ENDPOINTS[endpoint], figures))
    print(latency_row("overall", overall))
    return overall.latency["p(99)"], 100 * overall.answered, achieved


def print_verdict(p99: float, answered: float, achieved: float, rate: float) -> None:
    met = p99 <= TARGET_P99_MS and answered >= TARGET_SUCCESS_PERCENT and achieved >= TARGET_RATE_SHARE * rate
    print(
        f"SLI p99 <= {TARGET_P99_MS:.0f} ms and >= {TARGET_SUCCESS_PERCENT}% answered at the offered rate: "
        f"{'met' if met else 'NOT met'} (p99 {p99:.1f} ms, answered {answered:.3f}%, {achieved:,.1f} req/s)"
    )


def print_cpu(measurement: Measurement) -> None:
    """CPU seconds, percent of one core and CPU ms per measured request, per component over the measured window."""
    usage = dict(measurement.cpu_percent)
    usage["orchestration (this process)"] = usage.pop("bench (this process)")
    usage["other processes"] = usage.pop("other processes")
    usage["machine total"] = usage.pop("machine total")
    seconds, requests = measurement.window_seconds, max(measurement.overall.count, 1)
    platform = sum(p for label, p in usage.items() if label not in NOT_THE_PLATFORM) * seconds / 100
    print(f"CPU during the measured window ({seconds:.1f}s; {requests:,} requests measured):")
    print(f"  {'':<34}{'seconds':>8}{'% core':>8}{'ms/req':>8}")
    for label, percent in usage.items():
        used = percent * seconds / 100
        print(f"  {label:<34}{used:>8.1f}{percent:>8.0f}{1000 * used / requests:>8.2f}")
    cores = len(os.sched_getaffinity(0))
    print(f"  (the machine has {cores} cores: {100 * cores}% of one core)")
    print(f"the platform (services, gateway, PostgreSQL, RabbitMQ, Redis): {1000 * platform / requests:.2f} ms CPU "
          f"per request (goal <= {TARGET_CPU_MS_PER_REQUEST})")  # fmt: skip


def print_limits(measurement: Measurement) -> None:
    """What held the run back, as far as the generator can tell."""
    notes = []
    if measurement.overall.dropped:
        notes.append(f"k6 had no free virtual user for {measurement.overall.dropped:,} arrivals (raise --max-vus)")
    cores, machine = len(os.sched_getaffinity(0)), measurement.cpu_percent["machine total"]
    if machine >= BUSY_MACHINE_SHARE * 100 * cores:
        notes.append(f"the machine's CPUs were busy {machine:.0f}% of {100 * cores}%")
    print("limits: " + ("; ".join(notes) if notes else "none the generator could see"))
    if measurement.k6_warnings:
        print(f"k6 said ({len(measurement.k6_warnings):,} lines, the last):")
        for line in measurement.k6_warnings[-LOG_LINES_SHOWN:]:
            print(f"  {line[:LOG_LINE_CHARACTERS]}")


LEDGER_EFFECTS = "SELECT kind, count(*) AS made FROM transactions WHERE kind = any($1::text[]) GROUP BY kind"
EFFECTS = {"buy": "purchase", "send": "transfer"}
"""The ledger transaction each successful request of an endpoint makes, exactly once."""


async def print_effects(run: Run, measurement: Measurement) -> bool:
    """Each buy and sendCoin answered 200 (warm-up included) against the ledger's transactions of its kind: equal
    when no request was applied twice or lost (competing consumers and processes included)."""
    connection = await asyncpg.connect(run.dsn("wallet"))
    try:
        rows = await connection.fetch(LEDGER_EFFECTS, list(EFFECTS.values()))
    finally:
        await connection.close()
    made = {row["kind"]: int(row["made"]) for row in rows}
    equal = True
    for endpoint, kind in EFFECTS.items():
        if endpoint not in measurement.endpoints:
            continue
        phases = (measurement.endpoints[endpoint], measurement.warmups.get(endpoint))
        answered_ok = sum(round(f.count * f.succeeded) - f.refused for f in phases if f is not None)
        equal &= answered_ok == made.get(kind, 0)
        print(f"{ENDPOINTS[endpoint]}: {answered_ok:,} answered 200, {made.get(kind, 0):,} {kind} transactions in the "
              f"ledger: {'one each' if answered_ok == made.get(kind, 0) else 'NOT one each'}")  # fmt: skip
    return equal


def print_service_logs(children: Children) -> None:
    """The services log warnings and errors only: any line there says what went wrong."""
    noisy = False
    for name in children.processes:
        lines = (children.log_dir / f"{name}.log").read_text(errors="replace").splitlines()
        if lines:
            noisy = True
            print(f"{name}.log: {len(lines):,} lines, the last:")
            for line in lines[-LOG_LINES_SHOWN:]:
                print(f"  {line[:LOG_LINE_CHARACTERS]}")
    if not noisy:
        print("service logs: no warnings or errors")


def print_report(
    args: argparse.Namespace, load_before: tuple[float, float, float], setup: Setup, measurement: Measurement
) -> None:
    print_setup(args, load_before, setup)
    print()
    if not measurement.overall.count:
        print("no request completed in the measured window")
        return
    p99, answered, achieved = print_latencies(args, measurement)
    print_verdict(p99, answered, achieved, args.rate)
    print()
    print_cpu(measurement)
    print_limits(measurement)


# --- the whole run ---------------------------------------------------------------------------------------------


async def load_test(run: Run, children: Children, args: argparse.Namespace) -> int:
    with contextlib.ExitStack() as stack:
        observing = {"AGORA_LOG_LEVEL": "INFO"} if args.access_log else {}
        collector = None
        if args.tracing:
            port = free_ports(1)[0]
            collector = stack.enter_context(collecting(port))
            observing |= {"AGORA_TRACING": "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{port}"}
        code = await run_load(run, children, args, observing)
        if collector is not None:
            print(f"the collector received {collector.count():,} spans")
        return code


async def run_load(run: Run, children: Children, args: argparse.Namespace, observing: dict[str, str]) -> int:
    load_before = os.getloadavg()
    print(f"starting {', '.join(SERVICES)} and the gateway ...", flush=True)
    environment = {
        **service_environment(run), "AGORA_ACCESS_TOKEN_TTL_SECONDS": str(TOKEN_TTL_SECONDS), **observing
    }  # fmt: skip
    start_platform(children, environment, args.gateway_workers, args.wallet_processes, args.in_process)
    gateway = f"http://127.0.0.1:{run.gateway_port}"
    await asyncio.to_thread(wait_until_ok, f"{gateway}/readyz", children)
    print(f"creating {args.users:,} users through POST /api/auth ...", flush=True)
    setup = await create_users(gateway, args.users, children)
    print(f"  created in {setup.seconds:.1f}s", flush=True)
    print(f"sending {args.rate:,.0f} req/s with k6: {args.warmup:.0f}s of warm-up, then {args.duration:.0f}s "
          "measured ...", flush=True)  # fmt: skip
    profilers = Children(run.work_dir)
    try:
        measurement = await measure(run, setup, args, children, profilers)
    finally:
        profilers.stop_all()
    print_report(args, load_before, setup, measurement)
    effects_match = await print_effects(run, measurement)
    print()
    print_service_logs(children)
    children.check_alive()
    return 0 if effects_match else 1


async def drop_broker_namespace(run: Run) -> None:
    """The run's exchange and queues: bench_events drops notifications' and those listed, wallet's are added here."""
    await drop_event_namespace(run)
    # As services/wallet/entrypoints/consumer.py names it.
    wallet = Subscription(f"{run.namespace}.wallet.user-events", [], noop_handler)
    connection = await aio_pika.connect(AMQP_URL)
    async with connection:
        for queue in declared_queues(wallet):
            with contextlib.suppress(Exception):
                channel = await connection.channel()
                await channel.queue_delete(queue)
                await channel.close()


def tear_down(run: Run, children: Children) -> None:
    print("stopping processes, dropping the databases and the broker namespace ...", flush=True)
    children.stop_all()
    drop_databases(run.database_url)
    try:
        asyncio.run(drop_broker_namespace(run))
    except Exception as error:
        print(f"warning: could not drop the broker namespace {run.namespace}: {error!r}", file=sys.stderr)
    shutil.rmtree(run.work_dir, ignore_errors=True)


def print_kept(run: Run, children: Children) -> None:
    pids = ", ".join(f"{name} {process.pid}" for name, process in children.processes.items())
    print(f"kept (--keep): the gateway on http://127.0.0.1:{run.gateway_port} ({pids}); logs in {run.work_dir}; "
          f"databases {run.name}_<service>; broker namespace {run.namespace}")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    raise_open_files_limit(OPEN_FILES)  # inherited by the gateway, which holds every client connection
    work_dir = Path(tempfile.mkdtemp(prefix="agora-load-merch-"))
    run = Run(f"agora_load_merch_{uuid.uuid4().hex[:10]}", work_dir, free_ports(1)[0])
    children = Children(work_dir)

    def measured() -> int:
        try:
            return uvloop.run(load_test(run, children, args))
        finally:
            if args.keep:
                print_kept(run, children)
            else:
                tear_down(run, children)

    return exit_code_of(measured, on_error=lambda: print_service_logs(children))


if __name__ == "__main__":
    raise SystemExit(main())
