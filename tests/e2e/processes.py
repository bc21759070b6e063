"""The platform as separate processes a test can crash: one `agora serve <name>` per service, plus the gateway.

conftest's real_platform runs `agora up`, which owns its children and stops them all when one dies. Here every
process is the test's own child, so a test can kill -9 one service, freeze it (SIGSTOP) or start it again with
other settings (a failpoint, a shorter step timeout) while the rest of the platform keeps running.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import signal
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from services.platform.grpc_client import is_serving, open_channel
from services.platform.settings import SERVICES
from tests.e2e.conftest import AGORA, create_admin, drop_databases, gateway_url, real_mode_env
from tests.support import drop_event_namespace

GATEWAY = "gateway"
PROCESSES = (*SERVICES, GATEWAY)
READY_SECONDS = 90.0
STOP_SECONDS = 30.0
POLL_SECONDS = 0.1


def restartable_port() -> int:
    """A free port below the kernel's ephemeral range (where free_port's come from).

    While a killed service is down its port is free, and a port in the ephemeral range may meanwhile become the
    local end of any outgoing connection (even a client's connection to itself, retrying that very port), so the
    service could not bind it again. Below the range, only a listener that asks for it can take it.
    """
    lowest_ephemeral = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    while True:
        port = random.randrange(10_000, lowest_ephemeral)
        if port in _handed_out:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port


_handed_out: set[int] = set()
"""Ports restartable_port gave, all free when given: none is given twice, to two processes of a platform."""


@dataclass
class Platform:
    """Every process of one platform, each started, stopped, crashed or frozen on its own."""

    env: dict[str, str]
    logs: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return gateway_url(self.env)

    @property
    def namespace(self) -> str:
        """The event namespace, also the prefix of the platform's databases."""
        return self.env["AGORA_EVENT_NAMESPACE"]

    def database_dsn(self, service: str) -> str:
        """An asyncpg DSN of the service's own database, for reading it behind the service's back."""
        url = self.env["AGORA_DATABASE_URL"].format(service=service)
        return url.replace("postgresql+asyncpg://", "postgresql://")

    def start(self, name: str, settings: Mapping[str, str] | None = None) -> None:
        """Starts `name` (a service or the gateway) with the platform's environment and `settings` on top.

        Its output goes to `<logs>/<name>.log`, appended across restarts, so a crash's story reads in order.
        """
        assert self.is_gone(name), f"{name} is running already"
        with (self.logs / f"{name}.log").open("ab") as log:
            self.processes[name] = subprocess.Popen(
                [AGORA, "serve", name], env={**self.env, **(settings or {})}, stdout=log, stderr=subprocess.STDOUT
            )

    def is_gone(self, name: str) -> bool:
        process = self.processes.get(name)
        return process is None or process.poll() is not None

    def kill(self, name: str) -> None:
        """kill -9: the process ends wherever it is, without a rollback, an ack or a last log line."""
        process = self.processes[name]
        process.kill()
        process.wait()

    def pause(self, name: str) -> None:
        """SIGSTOP: the process keeps its sockets open (connections, unacknowledged deliveries) but answers nothing."""
        self.processes[name].send_signal(signal.SIGSTOP)

    def resume(self, name: str) -> None:
        self.processes[name].send_signal(signal.SIGCONT)

    async def stop(self, name: str) -> None:
        """Stops the process as an operator would (SIGTERM, so it drains), killing it if it does not end in time."""
        process = self.processes[name]
        if process.poll() is None:
            process.send_signal(signal.SIGCONT)  # a frozen process only sees the SIGTERM once it runs again
            process.terminate()
        with contextlib.suppress(TimeoutError):
            await self.exited(name, STOP_SECONDS)
        if process.poll() is None:
            self.kill(name)

    async def exited(self, name: str, timeout: float) -> int:
        """Waits for the process to end by itself (a failpoint); its return code, -9 when SIGKILL ended it."""
        process = self.processes[name]
        deadline = time.monotonic() + timeout
        while (code := process.poll()) is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name} still runs after {timeout} s")
            await asyncio.sleep(POLL_SECONDS)
        return code

    async def restart(self, name: str, settings: Mapping[str, str] | None = None) -> None:
        """Stops the service if it runs, starts it with `settings` and waits until it serves."""
        await self.stop(name)
        self.start(name, settings)
        await self.serving(name)

    async def serving(self, service: str, timeout: float = READY_SECONDS) -> None:
        """Until the service answers its gRPC health check: up, its database reachable, its consumers subscribed.

        Asked on a fresh channel each time, as the gateway's own channel to a restarted service may still wait
        out gRPC's reconnection backoff (requests through the gateway answer 503 meanwhile).
        """
        address = self.env[f"AGORA_{service.upper()}_ADDRESS"]

        async def up() -> bool:
            # Whoever answered, the service must still run: the health of another process on its port is no use.
            return await _answers_health(address) and not self.is_gone(service)

        await self._until(up, f"{service} serving", timeout)

    async def reachable(self, service: str) -> None:
        """Until the service serves and the gateway reaches it again: the gateway's own channel to a restarted
        service may wait out gRPC's reconnection backoff (up to 5 s) after the service is up."""
        await self.serving(service)
        await self.wait_ready()

    async def wait_ready(self, timeout: float = READY_SECONDS) -> None:
        """Until the gateway's /readyz answers 200: it reaches every service, which is healthy, and the store and
        the broker are up."""
        async with httpx.AsyncClient(base_url=self.base_url, timeout=3) as client:

            async def ready() -> bool:
                with contextlib.suppress(httpx.TransportError):
                    return (await client.get("/readyz")).status_code == 200
                return False

            await self._until(ready, "the platform ready", timeout)

    async def _until(self, condition: Callable[[], Awaitable[bool]], what: str, timeout: float) -> None:
        """Polls `condition`; fails with a process's log as soon as one has ended, or after `timeout`."""
        deadline = time.monotonic() + timeout
        while not await condition():
            for name in self.processes:
                if self.is_gone(name):
                    pytest.fail(f"{name} ended while waiting for {what}:\n{self.log_tail(name)}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {timeout} s")
            await asyncio.sleep(POLL_SECONDS)

    def log_tail(self, name: str, lines: int = 40) -> str:
        path = self.logs / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    async def bring_up(self) -> None:
        """Starts whatever does not run and lets run whatever is frozen, then waits until the platform is ready:
        at first, and after a test that failed with a service down."""
        for name in PROCESSES:
            if self.is_gone(name):
                self.start(name)
            else:
                self.resume(name)
        await self.wait_ready()

    async def stop_all(self) -> None:
        await asyncio.gather(*(self.stop(name) for name in self.processes))


async def _answers_health(address: str) -> bool:
    channel = open_channel(address)
    try:
        return await is_serving(channel, timeout=2)
    finally:
        await channel.close()


@contextlib.asynccontextmanager
async def running_platform(
    postgres: str, redis_url: str, rabbitmq_url: str, data_dir: Path, settings: Mapping[str, str] | None = None
) -> AsyncIterator[Platform]:
    """A ready platform of its own databases and event namespace, with `settings` for every process; afterwards
    its processes are stopped and its databases and queues dropped."""
    env = {**real_mode_env(postgres, redis_url, rabbitmq_url, data_dir, restartable_port), **(settings or {})}
    platform = Platform(env, data_dir)
    try:
        await asyncio.to_thread(create_admin, env)
        await platform.bring_up()
        yield platform
    finally:
        await platform.stop_all()
        await drop_databases(postgres, platform.namespace)
        await drop_event_namespace(rabbitmq_url, platform.namespace)
