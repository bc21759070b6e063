"""Credit applications at a constant arrival rate (k6), end to end, in real mode: POST /v1/credit/applications,
then the assessor asks scoring (Assess, GenerateOffer over gRPC) and proposes the offer. Prints the rate offered
and achieved, the POST's p50/p95/p99 (k6), the time from the application's creation to its offer being stored
(p50/p95/p99, the server's own timestamps), assessments per second, and CPU ms per application of every process,
k6's own included.

Setup (not measured): an admin creates a product; borrowers register and set their profiles. Each application
goes to the next borrower in turn (a borrower's history grows with its applications, as it would).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx

from scripts.bench import Children, exit_code_of, free_ports, start_platform, wait_until_ok
from scripts.bench_events import Run, service_environment
from scripts.bench_orders import checked, create_admin, log_in_admin
from scripts.k6_runner import K6Run, run_k6, values
from scripts.load_merch import tear_down
from scripts.profiling import add_profile_arguments, check_profile_arguments

GOAL_RATE = 100
MAX_VUS = 2000
APPLICATION_LINE = "agora-application "
"""What the k6 script logs for each application the measured window created, with its id."""
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


async def timelines(run: Run, ids: list[uuid.UUID]) -> list[asyncpg.Record]:
    """Each application's creation, assessment and offer times, once all have an offer (or SETTLE_SECONDS on)."""
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
    tokens = run.work_dir / "borrowers.json"
    tokens.write_text(json.dumps([headers["Authorization"].removeprefix("Bearer ") for headers in borrowers]))
    settings = {
        "AGORA_GATEWAY": gateway,
        "AGORA_BORROWERS": str(tokens),
        "AGORA_APPLICATION": json.dumps(APPLICATION),
        "AGORA_RATE": str(args.rate),
        "AGORA_MAX_VUS": str(MAX_VUS),
    }
    load_before = os.getloadavg()
    print(f"k6: {WARMUP_SECONDS}s of warm-up, then {args.duration}s measured at {args.rate}/s ...", flush=True)
    done = await run_k6("credit.js", settings, run.work_dir, WARMUP_SECONDS, args.duration, children,
                        (profilers, args))  # fmt: skip
    ids = [uuid.UUID(line.split(APPLICATION_LINE, 1)[1].split()[0].strip('"')) for line in done.log
           if APPLICATION_LINE in line]  # fmt: skip
    rows = await timelines(run, ids)
    children.check_alive()
    return report(args, done, rows, load_before)


def report(
    args: argparse.Namespace, done: K6Run, rows: Sequence[asyncpg.Record], load_before: tuple[float, float, float]
) -> int:
    posts = values(done.summary, "http_req_duration", "scenario:measured")
    sent = int(posts.get("count", 0))
    created = round(sent * values(done.summary, "credit_created", "scenario:measured").get("rate", 0.0))
    dropped = int(values(done.summary, "dropped_iterations", "scenario:measured").get("count", 0))
    offered = [row for row in rows if row["offered_at"] is not None]
    to_offer = [1000 * (row["offered_at"] - row["created_at"]).total_seconds() for row in offered]
    assessed = [row["assessed_at"] for row in rows if row["assessed_at"] is not None]
    span = (max(assessed) - min(assessed)).total_seconds() if len(assessed) > 1 else float("nan")
    total = args.rate * args.duration
    print()
    print(f"offered {args.rate}/s for {args.duration}s: {total} applications; sent {sent} "
          f"({sent / args.duration:.1f}/s), not sent for want of a virtual user {dropped}; 201: {created}, "
          f"other: {sent - created}")  # fmt: skip
    print(f"POST /v1/credit/applications ms (k6): p50 {posts.get('med', math.nan):.1f}, "
          f"p95 {posts.get('p(95)', math.nan):.1f}, p99 {posts.get('p(99)', math.nan):.1f}")  # fmt: skip
    print(f"created -> offer proposed ms (server clocks): p50 {percentile(to_offer, 0.5):.1f}, "
          f"p95 {percentile(to_offer, 0.95):.1f}, p99 {percentile(to_offer, 0.99):.1f} "
          f"({len(offered)} of {created} offered within {SETTLE_SECONDS}s of the end)")  # fmt: skip
    print(f"assessed: {len(assessed)} in {span:.1f}s ({len(assessed) / span:.1f}/s)")
    cpu_ms = {label: 10 * percent * done.window_seconds / max(sent, 1) for label, percent in done.cpu_percent.items()}
    shown = ", ".join(f"{label} {ms:.2f}" for label, ms in cpu_ms.items() if ms >= 0.01)
    print(f"CPU ms per application: {shown}")
    loads = " ".join(f"{load:.2f}" for load in load_before)
    print(f"load average before the run: {loads} (1/5/15 min); nproc {len(os.sched_getaffinity(0))}")
    # The end to end p99 is bounded by the POST's p99 plus creation to offer's p99.
    p99 = posts.get("p(99)", math.inf) + percentile(to_offer, 0.99)
    on_rate = sent >= 0.99 * total and dropped == 0
    met = args.rate >= GOAL_RATE and on_rate and len(offered) == created == sent and p99 <= GOAL_P99_MS
    print(f"goal: {GOAL_RATE} applications/s end to end with p99 <= {GOAL_P99_MS} ms: {'met' if met else 'NOT met'} "
          f"(POST p99 + creation-to-offer p99 = {p99:.0f} ms)")  # fmt: skip
    print(f"measured at {datetime.now(UTC).isoformat(timespec='seconds')}; one process per service, one gateway worker")
    return 0 if created == sent else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    work_dir = Path(tempfile.mkdtemp(prefix="agora-bench-credit-"))
    run = Run(f"agora_bench_credit_{uuid.uuid4().hex[:10]}", work_dir, free_ports(1)[0])
    children, profilers = Children(work_dir), Children(work_dir)

    def measured() -> int:
        try:
            environment = service_environment(run)
            print("starting the platform in real mode ...", flush=True)
            start_platform(children, environment, 1)
            wait_until_ok(f"http://127.0.0.1:{run.gateway_port}/readyz", children)
            asyncio.run(create_admin(run, environment))
            return asyncio.run(measure(run, children, profilers, args))
        finally:
            profilers.stop_all()
            tear_down(run, children)

    return exit_code_of(measured)


if __name__ == "__main__":
    raise SystemExit(main())
