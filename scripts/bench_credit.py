"""Credit applications at a fixed arrival rate, end to end, in real mode: POST /v1/credit/applications, then the
assessor asks scoring (Assess, GenerateOffer over gRPC) and proposes the offer. Prints the rate offered and
achieved, the POST's p50/p99, the time from sending the POST to the offer being stored (p50/p95/p99, from the
server's own timestamps), assessments per second, and CPU ms per application of every process.

Setup (not measured): an admin creates a product; borrowers register and set their profiles. Each application
goes to the next borrower in turn (a borrower's history grows with its applications, as it would).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx

from scripts.bench import BenchError, Children, free_ports, start_platform, stop_on_sigterm, wait_until_ok
from scripts.bench_events import CpuMeter, Run, service_environment
from scripts.bench_orders import checked, create_admin, log_in_admin
from scripts.load_merch import tear_down
from scripts.profiling import add_profile_arguments, check_profile_arguments, record_profiles

GOAL_RATE = 100
GOAL_P99_MS = 1000
WARMUP_SECONDS = 3
SETTLE_SECONDS = 30
PRODUCT = {
    "code": "BENCH",
    "purpose": "CONSUMER",
    "currency": "USD",
    "min_amount": 10_000,
    "max_amount": 100_000_000,
    "min_term_months": 3,
    "max_term_months": 60,
    "rate_min": "9",
    "rate_max": "24",
}
PROFILE = {
    "currency": "USD",
    "annual_income": 9_000_000,
    "monthly_debt": 60_000,
    "employment_status": "EMPLOYED",
    "birth_date": "1988-03-14",
}
# A profile and an application scoring approves (HIGH risk is made no offer), so every application ends in one.
APPLICATION = {"amount": {"amount": 1_500_000, "currency": "USD"}, "term_months": 24, "purpose": "CONSUMER"}
TIMELINE = """
SELECT a.id, a.created_at, s.assessed_at, o.created_at AS offered_at
FROM applications a
LEFT JOIN assessments s ON s.application_id = a.id AND s.revision = a.revision
LEFT JOIN offers o ON o.application_id = a.id
WHERE a.id = any($1::uuid[])
"""


@dataclass
class Sent:
    application_id: uuid.UUID | None
    sent_at: float
    """Wall-clock time of sending (the server's timestamps are wall-clock too)."""
    post_ms: float
    status: int


@dataclass
class Outcome:
    sent: list[Sent] = field(default_factory=list)
    failed: int = 0


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=int, default=GOAL_RATE, help=f"applications per second (default {GOAL_RATE})")
    parser.add_argument("--duration", type=int, default=20, help="seconds of measured load (default 20)")
    parser.add_argument("--borrowers", type=int, default=100, help="borrowers taking turns (default 100)")
    add_profile_arguments(parser, "every service and the gateway")
    args = parser.parse_args(argv)
    check_profile_arguments(parser, args)
    return args


async def set_up(gateway: str, borrowers: int) -> list[dict[str, str]]:
    async with httpx.AsyncClient(base_url=gateway, timeout=30) as client:
        admin = await log_in_admin(client)
        checked(await client.post("/v1/credit/products", json=PRODUCT, headers=admin), 201, "creating the product")
        gate = asyncio.Semaphore(8)

        async def borrower(number: int) -> dict[str, str]:
            name, password = f"borrower{number}-{uuid.uuid4().hex[:6]}", "borrower-password"
            async with gate:
                checked(await client.post("/v1/auth/register", json={"username": name, "password": password}), 201,
                        "registering")  # fmt: skip
                tokens = await client.post("/v1/auth/login", json={"username": name, "password": password})
                headers = {"Authorization": f"Bearer {checked(tokens, 200, 'logging in').json()['access_token']}"}
                checked(await client.put("/v1/credit/profile", json=PROFILE, headers=headers), 200, "a profile")
                return headers

        return list(await asyncio.gather(*(borrower(n) for n in range(borrowers))))


async def offer_load(
    client: httpx.AsyncClient, borrowers: list[dict[str, str]], rate: int, seconds: float, outcome: Outcome
) -> None:
    """Sends `rate` applications a second for `seconds`, each on schedule whether or not earlier ones answered."""

    async def apply(headers: dict[str, str]) -> None:
        sent_at, started = time.time(), time.perf_counter()
        try:
            response = await client.post("/v1/credit/applications", json=APPLICATION, headers=headers)
        except httpx.HTTPError:
            outcome.failed += 1
            return
        elapsed = 1000 * (time.perf_counter() - started)
        application_id = uuid.UUID(response.json()["id"]) if response.status_code == 201 else None
        outcome.sent.append(Sent(application_id, sent_at, elapsed, response.status_code))

    start, tasks = time.perf_counter(), []
    for number in range(int(rate * seconds)):
        delay = start + number / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(apply(borrowers[number % len(borrowers)])))
    await asyncio.gather(*tasks)


async def timelines(run: Run, ids: list[uuid.UUID]) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(run.dsn("credit"))
    try:
        deadline = time.monotonic() + SETTLE_SECONDS
        while True:
            rows: list[asyncpg.Record] = await connection.fetch(TIMELINE, ids)
            if all(row["offered_at"] is not None for row in rows) or time.monotonic() > deadline:
                return rows
            await asyncio.sleep(0.5)
    finally:
        await connection.close()


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def measure(run: Run, children: Children, profilers: Children, args: argparse.Namespace) -> int:
    gateway = f"http://127.0.0.1:{run.gateway_port}"
    borrowers = await set_up(gateway, args.borrowers)
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    async with httpx.AsyncClient(base_url=gateway, timeout=30, limits=limits) as client:
        print(f"warming up {WARMUP_SECONDS}s at {args.rate}/s ...", flush=True)
        await offer_load(client, borrowers, args.rate, WARMUP_SECONDS, Outcome())
        meter = CpuMeter(children)
        load_before = os.getloadavg()
        before, own_before, metered_from = meter.snapshot(), resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
        print(f"measuring {args.duration}s at {args.rate}/s ...", flush=True)
        record_profiles(profilers, args, children, args.duration)
        outcome, started = Outcome(), time.perf_counter()
        await offer_load(client, borrowers, args.rate, args.duration, outcome)
        sending_seconds = time.perf_counter() - started
        rows = await timelines(run, [s.application_id for s in outcome.sent if s.application_id])
        cpu, own_after = CpuMeter.usage(before, meter.snapshot()), resource.getrusage(resource.RUSAGE_SELF)
        metered = time.monotonic() - metered_from
    children.check_alive()
    # Percent of a core over the metered interval, as CPU seconds, over the applications it saw through.
    cpu_ms = {label: 10 * percent * metered / max(len(outcome.sent), 1) for label, percent in cpu.items()}
    return report(args, outcome, rows, sending_seconds, cpu_ms, own_before, own_after, load_before)


def report(
    args: argparse.Namespace,
    outcome: Outcome,
    rows: Sequence[asyncpg.Record],
    sending_seconds: float,
    cpu_ms: dict[str, float],
    own_before: resource.struct_rusage,
    own_after: resource.struct_rusage,
    load_before: tuple[float, float, float],
) -> int:
    sent_at = {s.application_id: s.sent_at for s in outcome.sent if s.application_id}
    created = [s for s in outcome.sent if s.status == 201]
    offered = [row for row in rows if row["offered_at"] is not None]
    end_to_end = [1000 * (row["offered_at"].timestamp() - sent_at[row["id"]]) for row in offered]
    assessed = [row["assessed_at"] for row in rows if row["assessed_at"] is not None]
    span = (max(assessed) - min(assessed)).total_seconds() if len(assessed) > 1 else float("nan")
    achieved = len(assessed) / span
    posts = [s.post_ms for s in outcome.sent]
    total = int(args.rate * args.duration)
    print()
    print(f"offered {args.rate}/s for {args.duration}s: {total} applications; sent in {sending_seconds:.1f}s "
          f"({len(outcome.sent) / sending_seconds:.1f}/s); 201: {len(created)}, other: "
          f"{len(outcome.sent) - len(created)}, transport errors: {outcome.failed}")  # fmt: skip
    print(f"POST /v1/credit/applications ms: p50 {percentile(posts, 0.5):.1f}, p95 {percentile(posts, 0.95):.1f}, "
          f"p99 {percentile(posts, 0.99):.1f}")  # fmt: skip
    print(f"POST -> offer proposed ms: p50 {percentile(end_to_end, 0.5):.1f}, p95 {percentile(end_to_end, 0.95):.1f}, "
          f"p99 {percentile(end_to_end, 0.99):.1f} ({len(offered)} of {len(created)} offered within "
          f"{SETTLE_SECONDS}s of the end)")  # fmt: skip
    print(f"assessed: {len(assessed)} in {span:.1f}s ({achieved:.1f}/s)")
    shown = ", ".join(f"{label} {ms:.2f}" for label, ms in cpu_ms.items() if ms >= 0.01)
    print(f"CPU ms per application: {shown}")
    own = (own_after.ru_utime + own_after.ru_stime - own_before.ru_utime - own_before.ru_stime) * 1000
    print(f"the generator (this process) used {own / max(len(outcome.sent), 1):.2f} ms per application")
    loads = " ".join(f"{load:.2f}" for load in load_before)
    print(f"load average before the run: {loads} (1/5/15 min); nproc {len(os.sched_getaffinity(0))}")
    p99 = percentile(end_to_end, 0.99)
    met = len(offered) == total and len(outcome.sent) / sending_seconds >= GOAL_RATE * 0.99 and p99 <= GOAL_P99_MS
    print(f"goal: {GOAL_RATE} applications/s end to end with p99 <= {GOAL_P99_MS} ms: {'met' if met else 'NOT met'}")
    print(f"measured at {datetime.now(UTC).isoformat(timespec='seconds')}; one process per service, one gateway worker")
    return 0 if len(created) == total else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    work_dir = Path(tempfile.mkdtemp(prefix="agora-bench-credit-"))
    run = Run(f"agora_bench_credit_{uuid.uuid4().hex[:10]}", work_dir, free_ports(1)[0])
    children, profilers = Children(work_dir), Children(work_dir)
    try:
        environment = service_environment(run)
        print("starting the platform in real mode ...", flush=True)
        start_platform(children, environment, 1)
        wait_until_ok(f"http://127.0.0.1:{run.gateway_port}/readyz", children)
        asyncio.run(create_admin(run, environment))
        return asyncio.run(measure(run, children, profilers, args))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        profilers.stop_all()
        tear_down(run, children)


if __name__ == "__main__":
    raise SystemExit(main())
