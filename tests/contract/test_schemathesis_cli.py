"""`schemathesis run` (coverage, fuzzing and stateful phases) against the embedded platform on a live port."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from services.embedded import embedded_app
from tests.api.conftest import create_admin
from tests.conftest import embedded_settings
from tests.e2e.conftest import free_port
from tests.support import mint_access_token

ROOT = Path(__file__).parents[2]
CONTRACT = ROOT / "contracts" / "rest" / "agora.v1.yaml"
CONFIG = ROOT / "schemathesis.toml"
SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    settings = embedded_settings(Path(tmp_path_factory.mktemp("live")))
    token = mint_access_token(settings, asyncio.run(create_admin(settings)), "admin")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(embedded_app(settings), host="127.0.0.1", port=port, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the embedded platform did not start"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}", token
    server.should_exit = True
    thread.join(timeout=30)


def test_schemathesis_finds_no_issue_in_any_phase(live_server: tuple[str, str], tmp_path: Path):
    url, token = live_server
    # The project's settings plus an admin's token for the contract's bearer scheme.
    config = tmp_path / "schemathesis.toml"
    config.write_text(f'{CONFIG.read_text()}\n[auth.openapi.bearerAuth]\nbearer = "{token}"\n')
    run = subprocess.run(
        [SCHEMATHESIS, "--config-file", str(config), "run", str(CONTRACT), "--url", url],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "failed" not in run.stdout, run.stdout[-3000:]
    for phase in ("Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in run.stdout or f"✅  {phase}" in run.stdout
