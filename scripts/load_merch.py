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
import dataclasses
import math
import multiprocessing
import os
import random
import shutil
import signal
import ssl
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import NamedTuple

import aio_pika
import httpx
import uvloop

from scripts.bench import (
    BenchError,
    Children,
    drop_databases,
    free_ports,
    start_platform,
    stop_on_sigterm,
    wait_until_ok,
)
from scripts.bench_events import (
    AMQP_URL,
    CpuMeter,
    CpuSnapshot,
    Run,
    drop_event_namespace,
    noop_handler,
    percentile,
    service_environment,
)
from scripts.bench_events_clients import raise_open_files_limit
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
# Each generator spreads its connections over CLIENT_SHARDS clients: for every request, httpcore's pool does work
# in proportion to its connections times the requests waiting in it, which one pool of MAX_CONNECTIONS makes
# quadratic (see Connections).
CLIENT_SHARDS = 32
MAX_CONNECTIONS = 512
TIMEOUT_SECONDS = 10.0
TOKEN_TTL_SECONDS = 3600
OPEN_FILES = 8192
PROGRESS_SECONDS = 5
START_DELAY_SECONDS = 0.5
TARGET_P99_MS = 50.0
TARGET_SUCCESS_PERCENT = 99.99
TARGET_RATE_SHARE = 0.99
SLACK_MS = 10.0
"""Send lag or connection wait beyond which the generator, not the platform, held requests back."""
BUSY_MACHINE_SHARE = 0.9
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
    parser.add_argument(
        "--clients-processes",
        type=int,
        default=2,
        help="load generator processes, each sending every N-th request (default 2; 1: this process). With httpx "
        "a request costs the generator about 1 ms of CPU, so one process falls behind well before 1,000 req/s",
    )
    parser.add_argument("--keep", action="store_true", help="leave the platform, databases and logs in place")
    args = parser.parse_args(argv)
    if args.users < 2:
        parser.error("--users must be at least 2 (sendCoin needs another user)")
    if args.rate <= 0 or args.duration <= 0 or args.warmup < 0:
        parser.error("--rate and --duration must be positive, --warmup not negative")
    if args.clients_processes < 1 or args.gateway_workers < 1:
        parser.error("--clients-processes and --gateway-workers must be at least 1")
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


class Connections:
    """MAX_CONNECTIONS keep-alive connections over CLIENT_SHARDS clients, as one pool: a request waits for any free one.

    Requests wait on a semaphore, in order and at constant cost, rather than in httpcore's pool, where each request
    scans every one waiting: with a backlog, that would make the generator the bottleneck.
    """

    def __init__(self, clients: list[httpx.AsyncClient]) -> None:
        self.clients = clients
        self.busy = [0] * len(clients)
        self.free = asyncio.Semaphore(len(clients) * (MAX_CONNECTIONS // CLIENT_SHARDS))

    @contextlib.asynccontextmanager
    async def client(self) -> AsyncIterator[httpx.AsyncClient]:
        """The client with the fewest requests in flight, once one of all the connections is free."""
        async with self.free:
            index = min(range(len(self.clients)), key=self.busy.__getitem__)
            self.busy[index] += 1
            try:
                yield self.clients[index]
            finally:
                self.busy[index] -= 1


@contextlib.asynccontextmanager
async def open_connections(gateway: str) -> AsyncIterator[Connections]:
    """The clients, sharing one TLS context (each would load the CA bundle, for plain HTTP too)."""
    tls = ssl.create_default_context()
    async with contextlib.AsyncExitStack() as stack:
        clients = [new_client(gateway, MAX_CONNECTIONS // CLIENT_SHARDS, tls) for _ in range(CLIENT_SHARDS)]
        yield Connections([await stack.enter_async_context(client) for client in clients])


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


# --- the open-loop generator -----------------------------------------------------------------------------------


class PlannedRequest(NamedTuple):
    offset: float
    """Seconds after the start at which it is to be sent."""
    endpoint: str
    measured: bool


class Sample(NamedTuple):
    endpoint: str
    scheduled: float
    launched: float
    sent: float
    """When it had a connection (NaN if it never had one)."""
    finished: float
    outcome: str
    """OK, REFUSED, or what failed: "HTTP <status>", TIMED_OUT (waiting for a connection included) or an error."""

    @property
    def answered(self) -> bool:
        return self.outcome in (OK, REFUSED) or self.outcome.startswith("HTTP ")


@dataclass(frozen=True)
class Job:
    """What one generator sends: requests number `worker`, `worker + workers`, ... of the whole schedule."""

    gateway: str
    users: list[User]
    mix: dict[str, float]
    rate: float
    warmup: float
    duration: float
    worker: int = 0
    workers: int = 1

    @property
    def warmup_requests(self) -> int:
        return round(self.warmup * self.rate)

    @property
    def total_requests(self) -> int:
        return self.warmup_requests + round(self.duration * self.rate)

    def plan(self, rng: random.Random) -> list[PlannedRequest]:
        """Request n at n/rate seconds, its kind drawn by the mix."""
        numbers = range(self.worker, self.total_requests, self.workers)
        endpoints = rng.choices(list(self.mix), weights=list(self.mix.values()), k=len(numbers))
        return [
            PlannedRequest(number / self.rate, endpoint, number >= self.warmup_requests)
            for number, endpoint in zip(numbers, endpoints, strict=True)
        ]


@dataclass
class GeneratorResult:
    samples: list[Sample]
    examples: dict[str, str]
    """One response body or error per kind of failure."""

    def merge(self, other: GeneratorResult) -> None:
        self.samples.extend(other.samples)
        for kind, example in other.examples.items():
            self.examples.setdefault(kind, example)


def outcome_of(endpoint: str, response: httpx.Response) -> str:
    if response.status_code == 200:
        return OK
    refusable = response.status_code == 400 and endpoint in ("buy", "send")
    if refusable and any(message in response.text for message in INSUFFICIENT_FUNDS):
        return REFUSED
    return f"HTTP {response.status_code}"


class Shop:
    """Sends each request as a random user, and records how it went."""

    def __init__(self, connections: Connections, users: list[User], rng: random.Random) -> None:
        self.connections = connections
        self.users = users
        self.rng = rng
        self.result = GeneratorResult([], {})

    async def send(self, planned: PlannedRequest, scheduled: float) -> None:
        launched, sent = time.monotonic(), math.nan
        try:
            async with asyncio.timeout(TIMEOUT_SECONDS), self.connections.client() as client:
                sent = time.monotonic()
                response = await self.perform(client, planned.endpoint, self.rng.choice(self.users))
        except TimeoutError:
            outcome = TIMED_OUT
        except httpx.HTTPError as error:
            outcome = type(error).__name__
            self.note_example(planned.endpoint, outcome, repr(error))
        else:
            outcome = outcome_of(planned.endpoint, response)
            if outcome not in (OK, REFUSED):
                self.note_example(planned.endpoint, outcome, response.text)
        if planned.measured:
            self.result.samples.append(Sample(planned.endpoint, scheduled, launched, sent, time.monotonic(), outcome))

    async def perform(self, client: httpx.AsyncClient, endpoint: str, user: User) -> httpx.Response:
        if endpoint == "auth":
            response = await log_in(client, user)
            if (token := token_of(response)) is not None:
                user.log_in_with(token)
            return response
        headers = {"Authorization": user.authorization}
        if endpoint == "info":
            return await client.get("/api/info", headers=headers)
        if endpoint == "buy":
            item = self.rng.choices(ITEMS, weights=ITEM_WEIGHTS)[0]
            return await client.get(f"/api/buy/{item}", headers=headers)
        body = {"toUser": self.someone_but(user).username, "amount": self.rng.randint(1, 3)}
        return await client.post("/api/sendCoin", json=body, headers=headers)

    def someone_but(self, user: User) -> User:
        while (other := self.rng.choice(self.users)) is user:
            pass
        return other

    def note_example(self, endpoint: str, outcome: str, text: str) -> None:
        self.result.examples.setdefault(f"{ENDPOINTS[endpoint]}: {outcome}", text[:LOG_LINE_CHARACTERS])


async def generate(job: Job, start_at: float) -> GeneratorResult:
    """Launches every planned request at its time (monotonic clock), then waits for those still in flight."""
    rng = random.Random()
    plan = job.plan(rng)
    in_flight: set[asyncio.Task[None]] = set()
    async with open_connections(job.gateway) as connections:
        shop = Shop(connections, job.users, rng)
        for planned in plan:
            scheduled = start_at + planned.offset
            if (delay := scheduled - time.monotonic()) > 0:
                await asyncio.sleep(delay)
            task = asyncio.create_task(shop.send(planned, scheduled))
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
        await asyncio.gather(*in_flight)
    return shop.result


async def sleep_until(moment: float) -> None:
    await asyncio.sleep(max(0.0, moment - time.monotonic()))


# --- generator processes ---------------------------------------------------------------------------------------


def run_worker(connection: Connection, job: Job) -> None:
    """A generator process: says it is ready, waits for the start time, sends its share, returns its samples."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # on Ctrl-C the parent stops it
    connection.send(None)
    start_at: float = connection.recv()
    connection.send(uvloop.run(send_share(job, start_at)))


async def send_share(job: Job, start_at: float) -> tuple[GeneratorResult, float]:
    """The generator's result and the CPU seconds this process used in the measured window."""

    async def cpu_in_window() -> float:
        await sleep_until(start_at + job.warmup)
        before = time.process_time()
        await sleep_until(start_at + job.warmup + job.duration)
        return time.process_time() - before

    cpu = asyncio.create_task(cpu_in_window())
    result = await generate(job, start_at)
    return result, await cpu


@contextlib.contextmanager
def worker_processes(job: Job, count: int) -> Iterator[list[Connection]]:
    """`count` generator processes (spawned: this one runs an event loop), stopped on the way out."""
    context = multiprocessing.get_context("spawn")
    connections, processes = [], []
    for worker in range(count):
        ours, theirs = context.Pipe()
        share = dataclasses.replace(job, worker=worker, workers=count)
        process = context.Process(target=run_worker, args=(theirs, share), name=f"load-generator-{worker}")
        process.start()
        theirs.close()
        connections.append(ours)
        processes.append(process)
    try:
        yield connections
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()


async def receive(connection: Connection) -> object:
    try:
        return await asyncio.to_thread(connection.recv)
    except EOFError:
        raise BenchError("a load generator process exited before sending its samples") from None


async def start_workers(connections: list[Connection]) -> float:
    """Once every generator process is ready, gives them all the same start time, and returns it."""
    await asyncio.gather(*(receive(connection) for connection in connections))
    start_at = time.monotonic() + START_DELAY_SECONDS
    for connection in connections:
        connection.send(start_at)
    return start_at


async def collect(connections: list[Connection]) -> tuple[GeneratorResult, float]:
    """The generator processes' results merged, and the CPU seconds they used in the measured window."""
    result, cpu_seconds = GeneratorResult([], {}), 0.0
    for share in await asyncio.gather(*(receive(connection) for connection in connections)):
        assert isinstance(share, tuple)
        result.merge(share[0])
        cpu_seconds += share[1]
    return result, cpu_seconds


# --- the measured run ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measurement:
    job: Job
    processes: int
    start_at: float
    result: GeneratorResult
    cpu_percent: dict[str, float]
    """CpuMeter's usage over the measured window: percent of one core per component."""
    window_seconds: float
    workers_cpu_seconds: float
    """CPU the generator processes used in the window (0 when this process generated the load)."""

    @property
    def measured_from(self) -> float:
        return self.start_at + self.job.warmup_requests / self.job.rate

    @property
    def send_lags(self) -> list[float]:
        """How late the generator launched each request, ms."""
        return [1000 * (sample.launched - sample.scheduled) for sample in self.result.samples]

    @property
    def connection_waits(self) -> list[float]:
        """How long each request that had a connection waited for it, ms."""
        return [1000 * (s.sent - s.launched) for s in self.result.samples if not math.isnan(s.sent)]


def watch_cpu(meter: CpuMeter, job: Job, start_at: float) -> asyncio.Task[tuple[CpuSnapshot, CpuSnapshot]]:
    """CPU snapshots at the start and the end of the measured window."""

    async def snapshots() -> tuple[CpuSnapshot, CpuSnapshot]:
        await sleep_until(start_at + job.warmup)
        before = await asyncio.to_thread(meter.snapshot)
        await sleep_until(start_at + job.warmup + job.duration)
        return before, await asyncio.to_thread(meter.snapshot)

    return asyncio.create_task(snapshots())


async def measure(job: Job, processes: int, children: Children) -> Measurement:
    """Runs the schedule, in this process or in `processes` others, with CPU snapshots around the measured window."""
    meter = CpuMeter(children)
    if processes == 1:
        start_at = time.monotonic() + START_DELAY_SECONDS
        window = watch_cpu(meter, job, start_at)
        result, workers_cpu = await generate(job, start_at), 0.0
    else:
        with worker_processes(job, processes) as connections:
            start_at = await start_workers(connections)
            window = watch_cpu(meter, job, start_at)
            result, workers_cpu = await collect(connections)
    before, after = await window
    return Measurement(
        job, processes, start_at, result, CpuMeter.usage(before, after), after.at - before.at, workers_cpu
    )


# --- the report ------------------------------------------------------------------------------------------------


def milliseconds(samples: Sequence[Sample]) -> list[float]:
    """Each sample's latency, from its scheduled send time to its response."""
    return [1000 * (sample.finished - sample.scheduled) for sample in samples]


def distribution(values: Sequence[float], percents: Sequence[int] = (50, 95, 99)) -> str:
    if not values:
        return "none"
    return "  ".join(f"p{p} {percentile(values, p):.1f}" for p in percents) + f"  max {max(values):.1f}"


def succeeded(samples: Sequence[Sample]) -> int:
    return sum(1 for sample in samples if sample.outcome in (OK, REFUSED))


def latency_row(label: str, samples: Sequence[Sample]) -> str:
    if not samples:
        return f"{label:<22}{0:>8}"
    latencies = milliseconds(samples)
    refused = sum(1 for sample in samples if sample.outcome == REFUSED)
    failed = len(samples) - succeeded(samples)
    percentiles = "".join(f"{percentile(latencies, p):>9.1f}" for p in (50, 95, 99, 100))
    success = 100 * succeeded(samples) / len(samples)
    return f"{label:<22}{len(samples):>8,}{success:>10.3f}{refused:>9,}{failed:>8,}{percentiles}"


def print_setup(args: argparse.Namespace, load_before: tuple[float, float, float], setup: Setup) -> None:
    loads = " ".join(f"{load:.2f}" for load in load_before)
    total = sum(args.mix.values())
    mix = ", ".join(f"{name} {100 * weight / total:.0f}%" for name, weight in args.mix.items())
    generator = "this process" if args.clients_processes == 1 else f"{args.clients_processes} processes"
    print()
    print("MERCH SHOP LOAD, real mode, open loop")
    print(f"machine: nproc {len(os.sched_getaffinity(0))}; load average before: {loads} (1/5/15 min)")
    print(
        f"platform: {', '.join(SERVICES)} one process each; the gateway {args.gateway_workers} "
        "uvicorn worker(s); PostgreSQL, RabbitMQ and Redis the machine's shared local servers"
    )
    print(f"users: {args.users:,}, created in {setup.seconds:.1f}s ({args.users / setup.seconds:.0f}/s, "
          f"{SETUP_CONCURRENCY} in flight, {setup.retries:,} retries, not measured)")  # fmt: skip
    print(f"mix: {mix} (auth: a user logging in again; buy: cheap items more often; sendCoin: 1-3 coins)")
    print(
        f"load: {args.rate:,.0f} req/s for {args.duration:.0f}s measured after {args.warmup:.0f}s of warm-up; "
        f"generator: {generator}, uvloop, httpx HTTP/1.1 keep-alive, {MAX_CONNECTIONS} connections per process "
        f"({CLIENT_SHARDS} clients), {TIMEOUT_SECONDS:.0f}s timeout from launch"
    )


def print_latencies(measurement: Measurement) -> tuple[float, float, float]:
    """The throughput, lag and latency lines; returns overall p99 (ms), success (%) and achieved rate."""
    samples = measurement.result.samples
    window = max(sample.finished for sample in samples) - measurement.measured_from
    answered = [sample for sample in samples if sample.answered]
    achieved = len(answered) / window
    print(
        f"achieved: {len(answered):,} of {len(samples):,} requests answered (any status) in {window:.2f}s, from the "
        f"first scheduled send to the last response = {achieved:,.1f} req/s (offered {measurement.job.rate:,.0f}); "
        f"successful {succeeded(samples) / window:,.1f}/s"
    )
    lags, waits = measurement.send_lags, measurement.connection_waits
    print(f"send lag (the generator's own delay: launch - scheduled time), ms: {distribution(lags, (50, 99))}")
    print(f"waiting for a free client connection (launch -> send), ms: {distribution(waits, (50, 99))}")
    print("latency from the scheduled send time to the response, ms (every request, failures included):")
    print(f"{'':<22}{'count':>8}{'success%':>10}{'refused':>9}{'failed':>8}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}")
    for endpoint, label in ENDPOINTS.items():
        if endpoint in measurement.job.mix:
            print(latency_row(label, [sample for sample in samples if sample.endpoint == endpoint]))
    print(latency_row("overall", samples))
    served = [1000 * (sample.finished - sample.sent) for sample in answered]
    print(f"the platform's share (send -> response, answered requests), ms: {distribution(served)}")
    return percentile(milliseconds(samples), 99), 100 * succeeded(samples) / len(samples), achieved


def print_failures(result: GeneratorResult) -> None:
    failures = Counter(
        f"{ENDPOINTS[sample.endpoint]}: {sample.outcome}"
        for sample in result.samples
        if sample.outcome not in (OK, REFUSED)
    )
    if not failures:
        print("failures: none")
        return
    print("failures by kind (with the first response or error of each kind, warm-up included):")
    for kind, count in failures.most_common():
        example = f"  e.g. {result.examples[kind]!r}" if kind in result.examples else ""
        print(f"  {count:>7,}  {kind}{example}")


def print_verdict(p99: float, success: float, achieved: float, rate: float) -> None:
    met = p99 <= TARGET_P99_MS and success >= TARGET_SUCCESS_PERCENT and achieved >= TARGET_RATE_SHARE * rate
    print(
        f"target p99 <= {TARGET_P99_MS:.0f} ms and success >= {TARGET_SUCCESS_PERCENT}% at the offered rate: "
        f"{'met' if met else 'NOT met'} (p99 {p99:.1f} ms, success {success:.3f}%, {achieved:,.1f} req/s)"
    )


def print_cpu(measurement: Measurement) -> None:
    """CPU seconds, percent of one core and CPU ms per measured request, per component over the measured window."""
    usage = dict(measurement.cpu_percent)
    this_process = usage.pop("bench (this process)")
    others, machine = usage.pop("other processes"), usage.pop("machine total")
    seconds = measurement.window_seconds
    if measurement.processes == 1:
        usage["load generator (this process)"] = this_process
    else:
        workers = 100 * measurement.workers_cpu_seconds / seconds
        usage[f"load generator ({measurement.processes} processes)"] = workers
        usage["this process (orchestration)"] = this_process
        others = max(0.0, others - workers)
    usage["other processes"] = others
    usage["machine total"] = machine
    requests = len(measurement.result.samples)
    print(f"CPU during the measured window ({seconds:.1f}s; {requests:,} requests measured):")
    print(f"  {'':<34}{'seconds':>8}{'% core':>8}{'ms/req':>8}")
    for label, percent in usage.items():
        used = percent * seconds / 100
        print(f"  {label:<34}{used:>8.1f}{percent:>8.0f}{1000 * used / requests:>8.2f}")
    cores = len(os.sched_getaffinity(0))
    print(f"  (the machine has {cores} cores: {100 * cores}% of one core)")


def print_limits(measurement: Measurement) -> None:
    """What held the run back, as far as the generator can tell."""
    notes = []
    lag = percentile(measurement.send_lags, 99)
    if lag > SLACK_MS:
        notes.append(f"the generator fell behind its schedule (send lag p99 {lag:.0f} ms): it was short of CPU")
    waits = measurement.connection_waits
    if waits and (wait := percentile(waits, 99)) > SLACK_MS:
        notes.append(
            f"all {MAX_CONNECTIONS * measurement.processes} client connections were busy at times (wait p99 "
            f"{wait:.0f} ms): requests queued in the generator, their wait counted in their latency"
        )
    cores, machine = len(os.sched_getaffinity(0)), measurement.cpu_percent["machine total"]
    if machine >= BUSY_MACHINE_SHARE * 100 * cores:
        notes.append(f"the machine's CPUs were busy {machine:.0f}% of {100 * cores}%")
    print("limits: " + ("; ".join(notes) if notes else "none the generator could see"))


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
    if not measurement.result.samples:
        print("no request completed in the measured window")
        return
    p99, success, achieved = print_latencies(measurement)
    print_failures(measurement.result)
    print_verdict(p99, success, achieved, args.rate)
    print()
    print_cpu(measurement)
    print_limits(measurement)


# --- the whole run ---------------------------------------------------------------------------------------------


async def load_test(run: Run, children: Children, args: argparse.Namespace) -> int:
    load_before = os.getloadavg()
    print(f"starting {', '.join(SERVICES)} and the gateway ...", flush=True)
    environment = {**service_environment(run), "AGORA_ACCESS_TOKEN_TTL_SECONDS": str(TOKEN_TTL_SECONDS)}
    start_platform(children, environment, args.gateway_workers)
    gateway = f"http://127.0.0.1:{run.gateway_port}"
    await asyncio.to_thread(wait_until_ok, f"{gateway}/readyz", children)
    print(f"creating {args.users:,} users through POST /api/auth ...", flush=True)
    setup = await create_users(gateway, args.users, children)
    print(f"  created in {setup.seconds:.1f}s", flush=True)
    job = Job(gateway, setup.users, args.mix, args.rate, args.warmup, args.duration)
    print(f"sending {args.rate:,.0f} req/s: {args.warmup:.0f}s of warm-up, then {args.duration:.0f}s measured ...",
          flush=True)  # fmt: skip
    measurement = await measure(job, args.clients_processes, children)
    print_report(args, load_before, setup, measurement)
    print()
    print_service_logs(children)
    children.check_alive()
    return 0


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
    signal.signal(signal.SIGTERM, stop_on_sigterm)  # so that teardown runs on SIGTERM as on Ctrl-C
    raise_open_files_limit(OPEN_FILES)  # inherited by the gateway, which holds every client connection
    work_dir = Path(tempfile.mkdtemp(prefix="agora-load-merch-"))
    run = Run(f"agora_load_merch_{uuid.uuid4().hex[:10]}", work_dir, free_ports(1)[0])
    children = Children(work_dir)
    try:
        return uvloop.run(load_test(run, children, args))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        print_service_logs(children)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        if args.keep:
            print_kept(run, children)
        else:
            tear_down(run, children)


if __name__ == "__main__":
    raise SystemExit(main())
