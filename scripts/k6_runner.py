"""Runs a k6 script of scripts/k6/ and meters every process over its measured window.

The scripts share a protocol: everything comes through the environment; `setup()` logs STARTED_LINE as the
scenarios start; the measured scenarios start `AGORA_WARMUP` seconds later and last `AGORA_DURATION`; `teardown()`
keeps k6 alive a little past them, so that the window's last CPU snapshot still finds it; `handleSummary` writes
k6's summary as JSON to `AGORA_SUMMARY`. scripts/k6/protocol.js implements it once for every script.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.bench import K6_DIR, BenchError, Children, k6_binary
from scripts.bench_events import CpuMeter
from scripts.profiling import record_profiles

WindowHook = Callable[[str], Awaitable[None]]
"""Called with "start" and "end" at the measured window's edges (to take more snapshots there)."""
STARTED_LINE = "agora-load-started"
K6_LABEL = "k6 (load generator)"
LOG_LINES_SHOWN = 5


@dataclass(frozen=True)
class K6Run:
    summary: dict[str, Any]
    cpu_percent: dict[str, float]
    """CpuMeter's usage over the measured window: percent of one core per component, k6 among them."""
    window_seconds: float
    window_started_at: float
    """Unix time at the measured window's start."""
    log: list[str]
    """What k6 printed (its warnings, the scripts' console lines)."""


async def run_k6(
    script: str,
    settings: Mapping[str, str],
    work_dir: Path,
    warmup: float,
    duration: float,
    children: Children,
    profiling: tuple[Children, argparse.Namespace] | None = None,
    window: WindowHook | None = None,
) -> K6Run:
    """Runs scripts/k6/`script` with `settings` (and AGORA_WARMUP, AGORA_DURATION, AGORA_SUMMARY) in its
    environment; CPU snapshots (and py-spy, with `profiling`) cover the measured window, and `window` is called
    with "start" and "end" at its edges."""
    summary = work_dir / f"{Path(script).stem}-summary.json"
    environment = {
        **os.environ,
        **settings,
        "AGORA_WARMUP": str(warmup),
        "AGORA_DURATION": str(duration),
        "AGORA_SUMMARY": str(summary),
    }
    command = [k6_binary(), "run", "--quiet", "--no-color", "--no-usage-report", str(K6_DIR / script)]
    k6 = await asyncio.create_subprocess_exec(
        *command, env=environment, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    assert k6.stderr is not None
    log: list[str] = []
    try:
        while STARTED_LINE not in (line := (await k6.stderr.readline()).decode(errors="replace")):
            if not line:
                raise BenchError(f"k6 stopped before the load started: {' | '.join(log[-LOG_LINES_SHOWN:])}")
            log.append(line.strip())
        meter = CpuMeter(children, {K6_LABEL: k6.pid})
        drained = asyncio.create_task(_drain(k6.stderr, log))
        await asyncio.sleep(warmup)
        if window is not None:
            await window("start")
        started_at = time.time()
        before = await asyncio.to_thread(meter.snapshot)
        if profiling is not None:
            record_profiles(profiling[0], profiling[1], children, duration)
        await asyncio.sleep(duration)
        after = await asyncio.to_thread(meter.snapshot)
        if window is not None:
            await window("end")
        await drained
        if await k6.wait() != 0:
            raise BenchError(f"k6 exited with {k6.returncode}: {' | '.join(log[-LOG_LINES_SHOWN:])}")
    finally:
        if k6.returncode is None:
            k6.kill()
            await k6.wait()
    usage = CpuMeter.usage(before, after)
    return K6Run(json.loads(summary.read_text()), usage, after.at - before.at, started_at, log)


def values(summary: dict[str, Any], metric: str, selector: str | None = None) -> dict[str, float]:
    """A metric's values in k6's summary (a sub-metric with a selector such as `scenario:info`); {} if absent."""
    name = f"{metric}{{{selector}}}" if selector else metric
    found: dict[str, float] = summary["metrics"].get(name, {}).get("values", {})
    return found


async def _drain(stream: asyncio.StreamReader, lines: list[str]) -> None:
    while line := await stream.readline():
        lines.append(line.decode(errors="replace").strip())


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    body: str | None = None


@dataclass(frozen=True)
class ClosedLoop:
    """A closed loop's measured window: throughput, latency, the share answered 2xx, and the CPU it cost."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    succeeded: float
    cpu_percent: dict[str, float]

    def cpu_ms(self, label: str) -> float:
        """CPU ms per request of one metered component."""
        return 10 * self.cpu_percent.get(label, 0.0) / max(self.requests_per_second, 1e-9)


async def run_closed_loop(
    requests: list[Request], vus: int, warmup: float, duration: float, children: Children, work_dir: Path
) -> ClosedLoop:
    """`vus` virtual users sending `requests` in turn as fast as they are answered (scripts/k6/closed_loop.js)."""
    listed = work_dir / f"requests-{time.monotonic_ns()}.json"
    listed.write_text(json.dumps([vars(request) for request in requests]))
    settings = {"AGORA_REQUESTS": str(listed), "AGORA_VUS": str(vus)}
    run = await run_k6("closed_loop.js", settings, work_dir, warmup, duration, children)
    latency = values(run.summary, "http_req_duration", "scenario:measured")
    sent = values(run.summary, "http_reqs", "scenario:measured").get("count", 0.0)
    return ClosedLoop(
        requests_per_second=sent / run.window_seconds,
        p50_ms=latency.get("med", float("nan")),
        p99_ms=latency.get("p(99)", float("nan")),
        succeeded=values(run.summary, "checks", "scenario:measured").get("rate", 0.0),
        cpu_percent=run.cpu_percent,
    )
