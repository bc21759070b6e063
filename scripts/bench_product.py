"""Measures GET /v1/products/{id} through real mode, a bare FastAPI app and a trivial gRPC proxy, with k6.

Each target in turn gets the same closed loop (`--vus` virtual users, one request in flight each, as wrk runs),
a warm-up, then a measured window over which the CPU of every process is metered.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.bench import (
    POSTGRES,
    BenchError,
    Children,
    add_topology_argument,
    drop_databases,
    exit_code_of,
    free_ports,
    get_json,
    platform_environment,
    start_platform,
    topology,
    wait_until_ok,
)
from scripts.k6_runner import K6_LABEL, ClosedLoop, Request, run_closed_loop

BARE_APP = Path(__file__).resolve().parent / "bench_bare.py"
WARMUP_SECONDS = 5
GOAL_RATIO = 0.6
"""Requests per second through the whole path over bare FastAPI's, in the same run."""
SHARED_SERVERS = ("PostgreSQL (whole server)", "RabbitMQ", "Redis")


@dataclass(frozen=True)
class Target:
    label: str
    url: str
    processes: tuple[str, ...]
    """The processes that answer it, whose CPU is its cost per request."""


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=20, help="seconds measured per target (default 20)")
    parser.add_argument("--vus", type=int, default=64, help="k6 virtual users, each a connection (default 64)")
    parser.add_argument("--gateway-workers", type=int, default=1, help="gateway worker processes (default 1)")
    add_topology_argument(parser)
    return parser.parse_args(argv)


def start_baselines(children: Children, bare_port: int, proxy_port: int, product_file: Path) -> None:
    """The bare endpoint, and the trivial proxy with its trivial gRPC server, each its own process."""
    (grpc_port,) = free_ports(1)
    common = ["--product-file", str(product_file)]
    children.start("trivial-grpc", [sys.executable, str(BARE_APP), "trivial-grpc", "--port", str(grpc_port), *common],
                   dict(os.environ))  # fmt: skip
    children.start("bare", [sys.executable, str(BARE_APP), "bare", "--port", str(bare_port), *common], dict(os.environ))
    proxy = [sys.executable, str(BARE_APP), "proxy", "--port", str(proxy_port), "--grpc-address",
             f"127.0.0.1:{grpc_port}", *common]  # fmt: skip
    children.start("proxy", proxy, dict(os.environ))


def pick_product(gateway: str) -> dict[str, Any]:
    """The first listed product, as the gateway returns it from GET /v1/products/{id}."""
    page = get_json(f"{gateway}/v1/products?limit=1")
    if not page.get("items"):
        raise BenchError("the catalog has no products to fetch")
    product: dict[str, Any] = get_json(f"{gateway}/v1/products/{page['items'][0]['id']}")
    return product


def print_report(
    targets: list[Target], results: dict[str, ClosedLoop], load_before: tuple[float, float, float],
    args: argparse.Namespace,
) -> None:  # fmt: skip
    print()
    print(f"{'':<14}{'RPS':>10}{'p50 ms':>10}{'p99 ms':>10}{'success%':>10}   CPU ms per request")
    for target in targets:
        result = results[target.label]
        cpu = {name: result.cpu_ms(name) for name in target.processes}
        parts = ", ".join(f"{name} {ms:.3f}" for name, ms in cpu.items())
        k6 = result.cpu_ms(K6_LABEL)
        print(f"{target.label:<14}{result.requests_per_second:>10.1f}{result.p50_ms:>10.2f}{result.p99_ms:>10.2f}"
              f"{100 * result.succeeded:>10.3f}   {sum(cpu.values()):.3f} ({parts}); k6 {k6:.3f}")  # fmt: skip
    rps = {label: result.requests_per_second for label, result in results.items()}
    ratio = rps["full path"] / rps["bare"]
    verdict = "met" if ratio >= GOAL_RATIO else "NOT met"
    print(f"full/bare RPS ratio: {ratio:.2f}  (goal >= {GOAL_RATIO}: {verdict})")
    print(f"trivial proxy/bare: {rps['trivial proxy'] / rps['bare']:.2f}; "
          f"full/trivial proxy: {rps['full path'] / rps['trivial proxy']:.2f}")  # fmt: skip
    loads = " ".join(f"{load:.2f}" for load in load_before)
    print(f"load average before the run: {loads} (1/5/15 min); nproc {len(os.sched_getaffinity(0))}")
    print(f"k6 constant-vus, {args.vus} virtual users, {args.duration}s measured after {WARMUP_SECONDS}s of warm-up "
          f"each; gateway workers: {args.gateway_workers}; {topology(args.in_process)}")  # fmt: skip


async def measure(
    children: Children, targets: list[Target], work_dir: Path, vus: int, duration: int
) -> dict[str, ClosedLoop]:
    results = {}
    for target in targets:
        print(f"{target.label}: {WARMUP_SECONDS}s of warm-up, then {duration}s measured ...", flush=True)
        loop = [Request("GET", target.url)]
        results[target.label] = await run_closed_loop(loop, vus, WARMUP_SECONDS, duration, children, work_dir)
    return results


def benchmark(children: Children, database_url: str, work_dir: Path, args: argparse.Namespace) -> int:
    gateway_port, bare_port, proxy_port = free_ports(3)
    load_before = os.getloadavg()

    print("starting the platform ...", flush=True)
    environment = platform_environment(database_url, work_dir / "data", gateway_port)
    start_platform(children, environment, args.gateway_workers, in_process=args.in_process)
    gateway = f"http://127.0.0.1:{gateway_port}"
    wait_until_ok(f"{gateway}/readyz", children)
    product = pick_product(gateway)
    product_path = f"/v1/products/{product['id']}"
    product_file = work_dir / "product.json"
    product_file.write_text(json.dumps(product))

    print("starting the bare app and the trivial proxy ...", flush=True)
    start_baselines(children, bare_port, proxy_port, product_file)
    full_path = ("gateway", *(() if "catalog" in args.in_process else ("catalog",)), *SHARED_SERVERS)
    targets = [
        Target("bare", f"http://127.0.0.1:{bare_port}{product_path}", ("bare",)),
        Target("trivial proxy", f"http://127.0.0.1:{proxy_port}{product_path}", ("proxy", "trivial-grpc")),
        Target("full path", f"{gateway}{product_path}", full_path),
    ]
    for target in targets:
        wait_until_ok(target.url, children)
        if get_json(target.url) != product:
            raise BenchError(f"the {target.label} body differs from the gateway's")

    results = asyncio.run(measure(children, targets, work_dir, args.vus, args.duration))
    children.check_alive()
    print_report(targets, results, load_before, args)
    if any(result.succeeded < 1 for result in results.values()):
        print("error: some responses were not 200", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    run_name = f"agora_bench_{uuid.uuid4().hex[:10]}"
    database_url = f"{POSTGRES}/{run_name}_{{service}}"

    def measured() -> int:
        with tempfile.TemporaryDirectory(prefix="agora-bench-") as work_dir:
            children = Children(Path(work_dir))
            try:
                return benchmark(children, database_url, Path(work_dir), args)
            finally:
                print("stopping processes and dropping the benchmark databases ...", flush=True)
                children.stop_all()
                drop_databases(database_url)

    return exit_code_of(measured)


if __name__ == "__main__":
    raise SystemExit(main())
