"""deploy/Dockerfile's inputs and the health check it installs (the image itself needs a Docker engine to build)."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from concurrent import futures
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import grpc
import pytest
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from tests.deploy.environment import DEPLOY
from tests.support import free_port

ROOT = DEPLOY.parent
HEALTHCHECK = DEPLOY / "healthcheck.py"


def build_context_sources() -> list[str]:
    """What the Dockerfile copies from the build context (not from another stage)."""
    copies = re.findall(r"^COPY (?!--from)(.+)$", (DEPLOY / "Dockerfile").read_text(), flags=re.MULTILINE)
    return [source for line in copies for source in line.split()[:-1]]


def test_everything_the_dockerfile_copies_is_in_the_build_context() -> None:
    patterns = [line for line in (ROOT / ".dockerignore").read_text().splitlines() if line and line[0] != "#"]
    included = {pattern.removeprefix("!").rstrip("/") for pattern in patterns if pattern.startswith("!")}

    assert patterns[0] == "*", "the build context is an allowlist: everything else stays out"
    for source in build_context_sources():
        assert (ROOT / source).exists(), source
        assert source in included, f"{source} is left out of the build context by .dockerignore"


def test_every_runtime_dependency_is_pinned_by_the_lock_the_image_installs_with() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pinned = {
        line.split("==")[0].lower()
        for line in (ROOT / "scripts/requirements/test.txt").read_text().splitlines()
        if "==" in line
    }

    for requirement in declared:
        name = re.split(r"[\[<>=!~ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        assert name in pinned, f"{name} would be installed unpinned in the image"


def healthcheck(target: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(HEALTHCHECK), target], capture_output=True, text=True, timeout=30)


@pytest.fixture
def health_server() -> Iterator[tuple[str, health.HealthServicer]]:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}", servicer
    server.stop(grace=None)


def test_the_health_check_passes_a_serving_service(health_server: tuple[str, health.HealthServicer]) -> None:
    address, servicer = health_server
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)

    assert healthcheck(address).returncode == 0


def test_the_health_check_fails_a_service_not_serving(health_server: tuple[str, health.HealthServicer]) -> None:
    address, servicer = health_server
    servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)

    result = healthcheck(address)

    assert result.returncode == 1
    assert "not serving" in result.stderr


def test_the_health_check_fails_when_nothing_answers() -> None:
    assert healthcheck(f"127.0.0.1:{free_port()}").returncode == 1
    assert healthcheck(f"http://127.0.0.1:{free_port()}/readyz").returncode == 1


class Readiness(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/readyz" else 503)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_the_health_check_passes_only_an_http_200() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Readiness)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"

        assert healthcheck(f"{base}/readyz").returncode == 0
        assert healthcheck(f"{base}/unready").returncode == 1
    finally:
        server.shutdown()
        server.server_close()
