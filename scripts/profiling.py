"""py-spy over a benchmark's measured window: one collapsed-stack file per process, sampled without pausing it."""

from __future__ import annotations

import argparse
import math
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from scripts.bench import Children

DEFAULT_PY_SPY = shutil.which("py-spy") or "py-spy"


def add_profile_arguments(parser: argparse.ArgumentParser, which: str) -> None:
    parser.add_argument(
        "--profile", type=Path, metavar="DIR", help=f"py-spy {which} during the measured window, into DIR"
    )
    parser.add_argument("--py-spy", default=DEFAULT_PY_SPY, help="py-spy to use")


def check_profile_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.profile is not None and shutil.which(args.py_spy) is None:
        parser.error(f"no py-spy at {args.py_spy}: `pip install py-spy` somewhere and pass --py-spy")


def record_profiles(
    profilers: Children,
    args: argparse.Namespace,
    children: Children,
    seconds: float,
    names: Iterable[str] | None = None,
    phase: str = "",
) -> None:
    """py-spy on each named process of `children` (all of them by default) for `seconds`, if --profile asked."""
    if args.profile is None:
        return
    args.profile.mkdir(parents=True, exist_ok=True)
    prefix = f"{phase}-" if phase else ""
    for name in list(children.processes) if names is None else names:
        output = args.profile / f"{prefix}{name}.txt"
        command = [args.py_spy, "record", "--pid", str(children.processes[name].pid), "--duration",
                   str(math.ceil(seconds)), "--rate", "100", "--nonblocking", "--subprocesses", "--format", "raw",
                   "--output", str(output)]  # fmt: skip
        profilers.start(f"py-spy-{prefix}{name}", command, dict(os.environ))
