"""Crash points for tests: a process told to by `AGORA_FAILPOINTS` kills itself with SIGKILL at a named point.

Crash tests need a process to die exactly between two effects, e.g. after the broker confirmed an outbox batch
and before its rows are deleted, a window no `kill -9` from outside can hit on purpose. `AGORA_FAILPOINTS` lists
`name=N` pairs separated by commas ("outbox.published=3,bus.handled=1"): the process kills itself the Nth time it
passes `failpoint(name)`. SIGKILL, not an exception or exit: nothing runs after it (no rollback, no ack, no
`finally`), exactly as when the machine loses the process.

The variable is read once, at import. Unset (production), a failpoint only tests an empty dictionary.
"""

from __future__ import annotations

import os
import signal

VARIABLE = "AGORA_FAILPOINTS"


def parse(spec: str) -> dict[str, int]:
    """Each failpoint's name and the hit that kills; malformed entries fail loudly, not silently never fire."""
    armed: dict[str, int] = {}
    for entry in (part.strip() for part in spec.split(",")):
        if not entry:
            continue
        name, _, hit = (piece.strip() for piece in entry.partition("="))
        if not name or not hit.isdigit() or int(hit) < 1:
            raise ValueError(f"{VARIABLE}: {entry!r} is not `name=N` with N at least 1")
        armed[name] = int(hit)
    return armed


_hits_left = parse(os.environ.get(VARIABLE, ""))


def failpoint(name: str) -> None:
    """Counts a pass through `name`; on the configured hit, says so on stderr and SIGKILLs this process."""
    if not _hits_left or name not in _hits_left:
        return
    _hits_left[name] -= 1
    if _hits_left[name] > 0:
        return
    os.write(2, f"failpoint {name} reached: SIGKILL to process {os.getpid()}\n".encode())
    os.kill(os.getpid(), signal.SIGKILL)
