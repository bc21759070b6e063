"""Every Python example of sdk/README.md, run as written: the blocks in order, in one namespace, against the
embedded platform on a live server standing in for the README's address, with the admin the README signs in as."""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from services.embedded import embedded_app
from tests.api.conftest import create_admin
from tests.conftest import embedded_settings
from tests.support import live_server

README = Path(__file__).resolve().parents[2] / "sdk" / "README.md"
README_URL = "http://127.0.0.1:8080"
ADMIN = ("root", "root password")
"""The admin the README says to create (`./scripts/nox -s create-admin -- root`)."""


@dataclass(frozen=True)
class Block:
    line: int
    """The README line the code starts on."""
    code: str


def python_blocks() -> list[Block]:
    text = README.read_text()
    return [
        Block(text.count("\n", 0, found.start(1)) + 1, found.group(1))
        for found in re.finditer(r"^```python\n(.*?)^```$", text, re.DOTALL | re.MULTILINE)
    ]


def run(block: Block, namespace: dict[str, Any], server_url: str) -> None:
    """Runs the block with the live server's address for the README's; line numbers in a traceback are the
    README's own."""
    code = "\n" * (block.line - 1) + block.code.replace(README_URL, server_url)
    exec(compile(code, str(README), "exec"), namespace)


def test_every_block_is_complete_code_without_placeholders() -> None:
    blocks = python_blocks()

    assert len(blocks) >= 15, "the README's examples were not found"
    for block in blocks:
        compile(block.code, f"{README}:{block.line}", "exec")
        assert '"..."' not in block.code, f"a placeholder at line {block.line}"
    fences = re.findall(r"^```(\w*)$", README.read_text(), re.MULTILINE)
    assert fences.count("python") == len(blocks), "each python fence is found and run"


@pytest.mark.timeout(300)  # an example that waits forever (a stream, a poll) fails rather than hangs
def test_the_readme_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = embedded_settings(tmp_path)
    asyncio.run(create_admin(settings, *ADMIN))
    namespace: dict[str, Any] = {"__name__": "sdk_readme"}
    printed = io.StringIO()
    with live_server(embedded_app(settings), settings) as server:
        monkeypatch.setenv("AGORA_BASE_URL", server.url)  # for a client made without base_url
        with contextlib.redirect_stdout(printed):
            for block in python_blocks():
                run(block, namespace, server.url)

    lines = printed.getvalue().splitlines()
    assert lines[0] == "ada", lines[:3]  # me(), after registering
    assert namespace["order"].status == "PAID", namespace["order"].reason
    assert [money.to_dict() for money in namespace["conversion"].transaction.amounts] == [
        {"amount": -500, "currency": "USD"},
        {"amount": 461, "currency": "EUR"},
    ]
    assert namespace["info"].to_dict() == {
        "coins": 1000 - 80 - 20,
        "inventory": [{"type": "t-shirt", "quantity": 1}],
        "coinHistory": {"received": [], "sent": [{"toUser": "bob", "amount": 20}]},
    }
    printed_as_the_comments_say = ["pending", "rate_unavailable", "900", "t-shirt 1", "bob 20"]
    assert all(line in lines for line in printed_as_the_comments_say), lines
    assert "there is no item 'spaceship'" in lines
    assert "cancelled by the customer" in lines  # the order placed from the cart
    first, resumed = namespace["last_seen"], namespace["notification"]
    assert (first, resumed.kind) == ("1", "order_status"), "from the welcome, the stream resumes after it"
    assert int(resumed.cursor) > int(first)
