"""Failpoints: a process armed by AGORA_FAILPOINTS dies by SIGKILL on the Nth pass, not before; unarmed, nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from services.platform.failpoints import VARIABLE, parse

PASSES = 5
# Passes the failpoint `here` five times, printing each pass that survived.
SCRIPT = f"""
from services.platform.failpoints import failpoint
for passed in range(1, {PASSES + 1}):
    failpoint("here")
    print(passed, flush=True)
"""


def run_armed(spec: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != VARIABLE}
    if spec is not None:
        env[VARIABLE] = spec
    return subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60)


def survived(run: subprocess.CompletedProcess[str]) -> list[int]:
    return [int(line) for line in run.stdout.split()]


@pytest.mark.parametrize("hit", [1, 3, PASSES])
def test_the_process_is_killed_on_the_nth_pass_and_not_before(hit: int) -> None:
    run = run_armed(f"elsewhere=1, here={hit}")

    assert run.returncode == -signal.SIGKILL
    assert survived(run) == list(range(1, hit))
    assert "failpoint here reached: SIGKILL" in run.stderr


@pytest.mark.parametrize("spec", [None, "", "elsewhere=1", f"here={PASSES + 1}"])
def test_a_process_not_armed_for_the_point_runs_to_its_end(spec: str | None) -> None:
    run = run_armed(spec)

    assert run.returncode == 0, run.stderr
    assert survived(run) == list(range(1, PASSES + 1))


def test_the_specification_names_each_point_and_its_hit() -> None:
    assert parse(" outbox.published=3 ,bus.handled=1,") == {"outbox.published": 3, "bus.handled": 1}
    assert parse("") == {}


@pytest.mark.parametrize("spec", ["outbox.published", "=2", "bus.handled=0", "bus.handled=-1", "x=three"])
def test_a_malformed_specification_is_refused(spec: str) -> None:
    with pytest.raises(ValueError, match=VARIABLE):
        parse(spec)
