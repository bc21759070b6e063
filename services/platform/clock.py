"""The one source of the current time, so use cases can be given a fixed clock in tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def file_clock(path: Path) -> Clock:
    """A clock that reads the time from a file (an RFC 3339 timestamp), so a rehearsal or a test moves it on;
    the system's time while the file is absent or empty."""

    def now() -> datetime:
        try:
            text = path.read_text().strip()
        except FileNotFoundError:
            text = ""
        return datetime.fromisoformat(text).astimezone(UTC) if text else utc_now()

    return now
