"""A product page as one GraphQL query against the REST calls a client makes for it, and a 50-product list, in
real mode with k6 (a closed loop): RPS, p50/p99 and CPU ms per request of the gateway (and of everything else).

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
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from scripts.bench import (
    BenchError,
    Children,
    exit_code_of,
    free_ports,
    start_platform,
    wait_until_ok,
)
from scripts.bench_events import Run, service_environment
from scripts.bench_orders import PRODUCT_CATEGORY, checked, create_admin, create_products, log_in_admin
from scripts.k6_runner import ClosedLoop, Request, run_closed_loop
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
    requests: list[Request]
    """What each virtual user sends, in turn."""
    requests_per_page: int = 1


def graphql_post(url: str, query: str, variables: dict[str, str]) -> Request:
    return Request("POST", url, json.dumps({"query": query, "variables": variables}))


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=20, help="seconds measured per target (default 20)")
    parser.add_argument("--vus", type=int, default=32, help="k6 virtual users, each a connection (default 32)")
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


def benchmark(run: Run, children: Children, args: argparse.Namespace) -> int:
    load_before = os.getloadavg()
    environment = service_environment(run)
    print("starting the platform in real mode ...", flush=True)
    start_platform(children, environment, 1)
    gateway = f"http://127.0.0.1:{run.gateway_port}"
    wait_until_ok(f"{gateway}/readyz", children)
    asyncio.run(create_admin(run, environment))
    product_id, graphql_id = asyncio.run(reviewed_product(gateway))
    product = f"{gateway}/v1/products/{product_id}"
    targets = [
        Target("GraphQL page", [graphql_post(f"{gateway}/graphql", PAGE_QUERY, {"id": graphql_id})]),
        Target("REST page", [Request("GET", product), Request("GET", f"{product}/rating"),
                             Request("GET", f"{product}/reviews?limit=3")], requests_per_page=3),
        Target("GraphQL list", [graphql_post(f"{gateway}/graphql", LIST_QUERY, {"category": PRODUCT_CATEGORY})]),
    ]  # fmt: skip
    results: dict[str, ClosedLoop] = {}
    for target in targets:
        print(f"{target.label}: warming up {WARMUP_SECONDS}s, measuring {args.duration}s ...", flush=True)
        results[target.label] = asyncio.run(
            run_closed_loop(target.requests, args.vus, WARMUP_SECONDS, args.duration, children, run.work_dir)
        )
    children.check_alive()
    print_report(targets, results, load_before, args)
    return 1 if any(result.succeeded < 1 for result in results.values()) else 0


def print_report(
    targets: Sequence[Target],
    results: dict[str, ClosedLoop],
    load_before: tuple[float, float, float],
    args: argparse.Namespace,
) -> None:
    print()
    print(f"{'':<14}{'RPS':>9}{'pages/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'2xx %':>9}{'gateway CPU ms/req':>20}")
    pages = {}
    for target in targets:
        result = results[target.label]
        pages[target.label] = result.requests_per_second / target.requests_per_page
        print(f"{target.label:<14}{result.requests_per_second:>9.1f}{pages[target.label]:>9.1f}{result.p50_ms:>9.2f}"
              f"{result.p99_ms:>9.2f}{100 * result.succeeded:>9.2f}{result.cpu_ms('gateway'):>20.2f}")  # fmt: skip
    for target in targets:
        result = results[target.label]
        per_request = {label: result.cpu_ms(label) for label in result.cpu_percent}
        shown = ", ".join(f"{label} {ms:.2f}" for label, ms in per_request.items() if ms >= 0.01)
        print(f"{target.label} CPU ms per request: {shown}")
    ratio = pages["GraphQL page"] / pages["REST page"]
    verdict = "met" if ratio >= GOAL_RATIO else "NOT met"
    print(f"GraphQL/REST product pages per second: {ratio:.2f} (goal >= {GOAL_RATIO}: {verdict})")
    loads = " ".join(f"{load:.2f}" for load in load_before)
    print(f"load average before the run: {loads} (1/5/15 min); nproc {len(os.sched_getaffinity(0))}")
    print(f"k6 constant-vus, {args.vus} virtual users, {args.duration}s measured after {WARMUP_SECONDS}s of warm-up "
          "each; one process per service and one gateway worker")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    work_dir = Path(tempfile.mkdtemp(prefix="agora-bench-graphql-"))
    run = Run(f"agora_bench_graphql_{uuid.uuid4().hex[:10]}", work_dir, free_ports(1)[0])
    children = Children(work_dir)

    def measured() -> int:
        try:
            return benchmark(run, children, args)
        finally:
            tear_down(run, children)

    return exit_code_of(measured)


if __name__ == "__main__":
    raise SystemExit(main())
