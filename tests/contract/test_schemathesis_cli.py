"""`schemathesis run` (coverage, fuzzing and stateful phases) against the embedded platform on a live port.

The run is reproducible: its seed is fixed (`SEED`) unless `AGORA_FUZZ_SEED` names another, and schemathesis
prints it. `./scripts/nox -s fuzz` runs this test with random seeds and more examples (`AGORA_FUZZ_EXAMPLES`).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.embedded import embedded_app
from tests.api.conftest import create_admin
from tests.contract.support import fuzzed_settings
from tests.support import live_server, mint_access_token

ROOT = Path(__file__).parents[2]
CONTRACTS = ROOT / "contracts" / "rest"
CONFIG = ROOT / "schemathesis.toml"
SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
SEED = 20261202
"""The CI run's seed: a finding is the same on every run, and `--seed` replays it."""


def fuzzing_options() -> list[str]:
    """The seed (fixed, or `AGORA_FUZZ_SEED`) and, when `AGORA_FUZZ_EXAMPLES` is set, the examples per operation."""
    options = ["--seed", os.environ.get("AGORA_FUZZ_SEED", str(SEED))]
    if examples := os.environ.get("AGORA_FUZZ_EXAMPLES"):
        options += ["--max-examples", examples]
    return options


@pytest.fixture(scope="module")
def live_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    settings = fuzzed_settings(Path(tmp_path_factory.mktemp("live")))
    token = mint_access_token(settings, asyncio.run(create_admin(settings)), "admin")
    with live_server(embedded_app(settings), settings) as server:
        yield server.url, token


def schemathesis(config: Path, *arguments: str) -> str:
    """Runs the CLI with `config`, the seed and examples of `fuzzing_options`; returns what it printed, once it
    has exited 0 and reported no failure."""
    run = subprocess.run(
        [SCHEMATHESIS, "--config-file", str(config), *arguments, *fuzzing_options()],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "❌" not in run.stdout, run.stdout[-6000:]
    return run.stdout


def passed(phase: str, stdout: str) -> bool:
    return f"✅ {phase}" in stdout or f"✅  {phase}" in stdout


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
    stdout = schemathesis(config, "run", str(CONTRACTS / contract), "--url", url)
    for phase in phases:
        assert passed(phase, stdout), stdout[-6000:]


def test_the_documented_command_signs_up_by_itself_and_finds_no_issue(live_platform: tuple[str, str]) -> None:
    """README's `schemathesis run contracts/rest/agora.v1.yaml --url ...`, with no credentials: schemathesis signs
    up and logs in through the contract's own operations (tests/contract/hooks.py writes their bodies out)."""
    url, _ = live_platform
    stdout = schemathesis(CONFIG, "run", str(CONTRACTS / "agora.v1.yaml"), "--url", url, "--max-examples", "10")

    assert "signed up via POST /v1/auth/register and logged in" in " ".join(stdout.split()), stdout[:3000]
    for phase in ("Coverage", "Fuzzing", "Stateful"):
        assert passed(phase, stdout), stdout[-6000:]


# /graphql refuses, by design, schema-valid documents it cannot serve (an id that names nothing, a protected entry
# point without a token), with BAD_USER_INPUT or UNAUTHENTICATED: what must never come back is a server error,
# an internal error or a null where the schema promises a value.
GRAPHQL_CHECKS = ("[checks.positive_data_acceptance]\n", "[checks.positive_data_acceptance]\nenabled = false\n")


@pytest.mark.parametrize("signed_in", [True, False], ids=["with a token", "anonymous"])
def test_schemathesis_finds_no_server_error_in_graphql(
    live_platform: tuple[str, str], tmp_path: Path, signed_in: bool
) -> None:
    url, token = live_platform
    config = tmp_path / "schemathesis.toml"
    project = CONFIG.read_text()
    assert GRAPHQL_CHECKS[0] in project  # the check is turned off where the project's settings declare it
    config.write_text(project.replace(*GRAPHQL_CHECKS))
    headers = ["-H", f"Authorization: Bearer {token}"] if signed_in else []
    stdout = schemathesis(config, "run", f"{url}/graphql", *headers)
    assert passed("Fuzzing", stdout), stdout[-6000:]
