"""`schemathesis run` (coverage, fuzzing and stateful phases) against the embedded platform on a live port."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.embedded import embedded_app
from tests.api.conftest import create_admin
from tests.conftest import embedded_settings
from tests.support import live_server, mint_access_token

ROOT = Path(__file__).parents[2]
CONTRACTS = ROOT / "contracts" / "rest"
CONFIG = ROOT / "schemathesis.toml"
SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))


@pytest.fixture(scope="module")
def live_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    settings = embedded_settings(Path(tmp_path_factory.mktemp("live")))
    token = mint_access_token(settings, asyncio.run(create_admin(settings)), "admin")
    with live_server(embedded_app(settings), settings) as server:
        yield server.url, token


@pytest.mark.parametrize(
    ("contract", "scheme", "phases"),
    [
        ("agora.v1.yaml", "bearerAuth", ("Coverage", "Fuzzing", "Stateful")),
        # The merch contract has no links between operations, so there is no stateful phase to run.
        ("merch.yaml", "BearerAuth", ("Coverage", "Fuzzing")),
    ],
)
def test_schemathesis_finds_no_issue_in_any_phase(
    live_platform: tuple[str, str], tmp_path: Path, contract: str, scheme: str, phases: tuple[str, ...]
) -> None:
    url, token = live_platform
    # The project's settings plus an admin's token (with a wallet) for the contract's bearer scheme.
    config = tmp_path / "schemathesis.toml"
    config.write_text(f'{CONFIG.read_text()}\n[auth.openapi.{scheme}]\nbearer = "{token}"\n')
    run = subprocess.run(
        [SCHEMATHESIS, "--config-file", str(config), "run", str(CONTRACTS / contract), "--url", url],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "failed" not in run.stdout, run.stdout[-3000:]
    for phase in phases:
        assert f"✅ {phase}" in run.stdout or f"✅  {phase}" in run.stdout
