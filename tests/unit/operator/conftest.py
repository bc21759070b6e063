"""The `agora` command run as an operator runs it: its environment, its exit code, what it printed."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from services.cli import main
from services.platform.settings import SERVICES
from tests.support import free_port


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def agora(capsys: pytest.CaptureFixture[str], *argv: str) -> Ran:
    """Runs `agora ARGV...`; what it says on stderr is at most one line, never a traceback."""
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert len(captured.err.strip().splitlines()) <= 1, captured.err
    return Ran(code, captured.out, captured.err.strip())


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh AGORA_DATA_DIR (embedded mode, SQLite), no other AGORA_* setting, every service address unserved."""
    for name in list(os.environ):
        if name.startswith("AGORA_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AGORA_DATA_DIR", str(tmp_path / "data"))
    for service in SERVICES:
        monkeypatch.setenv(f"AGORA_{service.upper()}_ADDRESS", f"127.0.0.1:{free_port()}")
    return tmp_path / "data"
