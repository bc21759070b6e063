"""The platform in real mode: `agora up` starts every service as its own process on PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from services.platform.db import drop_database
from services.platform.settings import SERVICES
from tests.support import drop_event_namespace, free_port

AGORA = str(Path(sys.executable).with_name("agora"))
ADMIN = ("root", "root-password")


def wait_until_ready(base_url: str, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"`agora up` exited with {process.returncode} before becoming ready")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    pytest.fail(f"the platform was not ready within {timeout} s")


@dataclass(frozen=True)
class RealPlatform:
    base_url: str
    env: dict[str, str]


async def drop_databases(postgres: str, prefix: str) -> None:
    for service in SERVICES:
        await drop_database(f"{postgres}/{prefix}_{service}")


def real_mode_env(
    postgres: str, redis_url: str, rabbitmq_url: str, data_dir: Path, port: Callable[[], int] = free_port
) -> dict[str, str]:
    """The environment of a platform of its own: databases `<prefix>_<service>`, event namespace `<prefix>`
    (AGORA_EVENT_NAMESPACE) and a free `port()` per process, so it shares the servers with other tests without
    meeting them."""
    prefix = f"agora_e2e_{uuid.uuid4().hex[:8]}"
    return {
        **os.environ,
        "AGORA_DATABASE_URL": f"{postgres}/{prefix}_{{service}}",
        "AGORA_REDIS_URL": redis_url,
        "AGORA_AMQP_URL": rabbitmq_url,
        "AGORA_EVENT_NAMESPACE": prefix,
        "AGORA_DATA_DIR": str(data_dir),
        "AGORA_GATEWAY_PORT": str(port()),
        **{f"AGORA_{service.upper()}_ADDRESS": f"127.0.0.1:{port()}" for service in SERVICES},
        "AGORA_LOG_LEVEL": "WARNING",
        "AGORA_RATE_LIMIT_SIGN_INS_PER_ADDRESS": "",  # the tests sign up every user from one address
    }


def gateway_url(env: dict[str, str]) -> str:
    return f"http://127.0.0.1:{env['AGORA_GATEWAY_PORT']}"


def create_admin(env: dict[str, str]) -> None:
    """The platform's admin (ADMIN), created straight in its databases before any service runs."""
    subprocess.run([AGORA, "create-admin", ADMIN[0]], env={**env, "AGORA_ADMIN_PASSWORD": ADMIN[1]}, check=True)


@pytest.fixture(scope="module")
def real_platform(
    request: pytest.FixtureRequest,
    postgres: str,
    redis_url: str,
    rabbitmq_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RealPlatform]:
    """`agora up` on the real servers; a module parametrizes it indirectly with more settings for every process."""
    more: dict[str, str] = getattr(request, "param", {})
    env = {**real_mode_env(postgres, redis_url, rabbitmq_url, tmp_path_factory.mktemp("real-mode")), **more}
    prefix = env["AGORA_EVENT_NAMESPACE"]
    create_admin(env)
    process = subprocess.Popen([AGORA, "up"], env=env, start_new_session=True)
    base_url = gateway_url(env)
    try:
        wait_until_ready(base_url, process)
        yield RealPlatform(base_url, env)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        asyncio.run(drop_databases(postgres, prefix))
        asyncio.run(drop_event_namespace(rabbitmq_url, prefix))
