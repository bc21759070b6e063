"""A product page as one GraphQL query against the REST calls a client makes for it, and a 50-product list, in
real mode with wrk: RPS, p50/p99 and CPU ms per request of the gateway (and of everything else).

Setup (not measured): an admin creates 50 products; three buyers buy the first and review it, so the page has a
rating and three reviews with their authors. The REST page is GET product, GET rating and GET reviews?limit=3
(REST has no call for another user's name, so its page has the authors' ids only); its page views per second
are its requests per second over 3.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from scripts.bench import (
    BenchError,
    Children,
    WrkResult,
    ensure_wrk,
    free_ports,
    parse_wrk,
    start_platform,
    stop_on_sigterm,
    wait_until_ok,
)
from scripts.bench_events import CpuMeter, Run, service_environment
from scripts.bench_orders import PRODUCT_CATEGORY, checked, create_admin, create_products, log_in_admin
from scripts.load_merch import tear_down

GOAL_RATIO = 0.8
"""GraphQL product pages per second over REST product pages per second."""
WARMUP_SECONDS = 5
REVIEWERS = 3
PAGE_QUERY = """query Page($id: ID!) { product(id: $id) { name price { amount currency } rating { average count }
  reviews(first: 3) { nodes { rating text author { username } } } } }"""
LIST_QUERY = """query List($category: String!) { products(first: 50, category: $category) {
  nodes { name price { amount currency } rating { average count } } } }"""


@dataclass(frozen=True)
class Target:
    label: str
    script: str
    """wrk's Lua: what each request is."""
    requests_per_page: int = 1


def post_script(query: str, variables: dict[str, str]) -> str:
    body = json.dumps(json.dumps({"query": query, "variables": variables}))
    return f'wrk.method = "POST"\nwrk.body = {body}\nwrk.headers["Content-Type"] = "application/json"\n'


def cycle_script(paths: Sequence[str]) -> str:
    listed = ", ".join(json.dumps(path) for path in paths)
    return (
        f"local paths = {{{listed}}}\nlocal i = 0\n"
        'request = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n'
    )


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=20, help="seconds wrk measures each target (default 20)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    return parser.parse_args(argv)


async def reviewed_product(gateway: str) -> tuple[str, str]:
    """50 products, the first bought and reviewed by REVIEWERS buyers: its REST id and its GraphQL id."""
    async with httpx.AsyncClient(base_url=gateway, timeout=30) as client:
        admin = await log_in_admin(client)
        product_ids = await create_products(client, admin, 50, stock=100, price=5)
        page_product = product_ids[0]
        for number in range(REVIEWERS):
            name, password = f"reviewer{number}-{uuid.uuid4().hex[:6]}", "bench-graphql-password"
            checked(
                await client.post("/v1/auth/register", json={"username": name, "password": password}),
                201,
                "registering",
            )
            login = checked(
                await client.post("/v1/auth/login", json={"username": name, "password": password}), 200, "login"
            )
            buyer = {"Authorization": f"Bearer {login.json()['access_token']}"}
            order = {"items": [{"product_id": page_product, "quantity": 1}]}
            checked(await client.post("/v1/orders", json=order, headers=buyer), 201, "placing an order")
            await review_once_allowed(client, buyer, page_product, number)
        oldest = "query($category: String!) { products(first: 1, category: $category) { nodes { id } } }"
        answer = await client.post("/graphql", json={"query": oldest, "variables": {"category": PRODUCT_CATEGORY}})
        graphql_id = str(
            checked(answer, 200, "reading the product's GraphQL id").json()["data"]["products"]["nodes"][0]["id"]
        )
    return page_product, graphql_id


async def review_once_allowed(client: httpx.AsyncClient, buyer: dict[str, str], product_id: str, number: int) -> None:
    """Reviews hear of the payment from orders' events: retries until the purchase is known (at most 30 s)."""
    for _ in range(300):
        body = {"rating": 3 + number % 3, "text": f"Bench review {number}"}
        written = await client.put(f"/v1/products/{product_id}/reviews/mine", json=body, headers=buyer)
        if written.status_code == 200:
            return
        await asyncio.sleep(0.1)
    raise BenchError(f"reviewing {product_id}: HTTP {written.status_code} {written.text[:300]}")


def run_wrk_script(wrk: str, url: str, script: str, work_dir: Path, seconds: int, connections: int) -> WrkResult:
    lua = work_dir / f"wrk-{uuid.uuid4().hex[:8]}.lua"
    lua.write_text(script)
    command = [wrk, "--latency", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(lua), url]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise BenchError(f"wrk failed ({completed.returncode}): {completed.stderr or completed.stdout}")
    return parse_wrk(completed.stdout)


def benchmark(run: Run, children: Children, args: argparse.Namespace, wrk: str) -> int:
    load_before = os.getloadavg()
    environment = service_environment(run)
    print("starting the platform in real mode ...", flush=True)
    start_platform(children, environment, 1)
    gateway = f"http://127.0.0.1:{run.gateway_port}"
    wait_until_ok(f"{gateway}/readyz", children)
    asyncio.run(create_admin(run, environment))
    product_id, graphql_id = asyncio.run(reviewed_product(gateway))
    targets = [
        Target("GraphQL page", post_script(PAGE_QUERY, {"id": graphql_id})),
        Target("REST page", cycle_script([f"/v1/products/{product_id}", f"/v1/products/{product_id}/rating",
                                          f"/v1/products/{product_id}/reviews?limit=3"]), requests_per_page=3),
        Target("GraphQL list", post_script(LIST_QUERY, {"category": PRODUCT_CATEGORY})),
    ]  # fmt: skip
    meter = CpuMeter(children)
    results: dict[str, tuple[WrkResult, dict[str, float]]] = {}
    for target in targets:
        print(f"{target.label}: warming up {WARMUP_SECONDS}s, measuring {args.duration}s ...", flush=True)
        url = f"{gateway}/graphql" if target.label.startswith("GraphQL") else gateway
        run_wrk_script(wrk, url, target.script, run.work_dir, WARMUP_SECONDS, args.connections)
        before = meter.snapshot()
        result = run_wrk_script(wrk, url, target.script, run.work_dir, args.duration, args.connections)
        results[target.label] = (result, CpuMeter.usage(before, meter.snapshot()))
    children.check_alive()
    print_report(targets, results, load_before, args)
    return 1 if any(result.non_2xx for result, _ in results.values()) else 0


def print_report(
    targets: Sequence[Target],
    results: dict[str, tuple[WrkResult, dict[str, float]]],
    load_before: tuple[float, float, float],
    args: argparse.Namespace,
) -> None:
    print()
    print(f"{'':<14}{'RPS':>9}{'pages/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}{'gateway CPU ms/req':>20}")
    pages = {}
    for target in targets:
        result, cpu = results[target.label]
        pages[target.label] = result.requests_per_second / target.requests_per_page
        gateway_ms = 10 * cpu.get("gateway", 0.0) / result.requests_per_second  # percent of a core -> ms per request
        print(f"{target.label:<14}{result.requests_per_second:>9.1f}{pages[target.label]:>9.1f}{result.p50_ms:>9.2f}"
              f"{result.p99_ms:>9.2f}{result.non_2xx:>9}{gateway_ms:>20.2f}")  # fmt: skip
    for target in targets:
        result, cpu = results[target.label]
        per_request = {label: 10 * percent / result.requests_per_second for label, percent in cpu.items()}
        shown = ", ".join(f"{label} {ms:.2f}" for label, ms in per_request.items() if ms >= 0.01)
        print(f"{target.label} CPU ms per request: {shown}")
    ratio = pages["GraphQL page"] / pages["REST page"]
    verdict = "met" if ratio >= GOAL_RATIO else "NOT met"
    print(f"GraphQL/REST product pages per second: {ratio:.2f} (goal >= {GOAL_RATIO}: {verdict})")
    loads = " ".join(f"{load:.2f}" for load in load_before)
    print(f"load average before the run: {loads} (1/5/15 min); nproc {len(os.sched_getaffinity(0))}")
    print(f"wrk --latency -t1 -c{args.connections} -d{args.duration}s after {WARMUP_SECONDS}s of warm-up each; "
          "one process per service and one gateway worker")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    work_dir = Path(tempfile.mkdtemp(prefix="agora-bench-graphql-"))
    run = Run(f"agora_bench_graphql_{uuid.uuid4().hex[:10]}", work_dir, free_ports(1)[0])
    children = Children(work_dir)
    try:
        return benchmark(run, children, args, ensure_wrk())
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        tear_down(run, children)


if __name__ == "__main__":
    raise SystemExit(main())
