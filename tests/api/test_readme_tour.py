"""The README's credit tour, run as written (its code block, taken from the README) against the embedded platform:
a product, a profile, an application scored, the offer accepted, the principal in the wallet, repaid early."""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
from pathlib import Path

import httpx

from services.embedded import embedded_app
from tests.api.conftest import create_admin
from tests.conftest import embedded_settings
from tests.support import live_server

README = Path(__file__).resolve().parents[2] / "README.md"
TOUR = "### Credit: apply, be scored, accept, repay"
README_URL = "http://127.0.0.1:8080"
ROOT_PASSWORD = "root-password"


def tour_code() -> str:
    section = README.read_text().split(TOUR, 1)[1]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found is not None, "the credit tour has no Python block"
    return found.group(1)


def test_the_credit_tour_runs_as_written(tmp_path: Path) -> None:
    settings = embedded_settings(tmp_path, credit_collection_sweep_seconds=0.05)
    asyncio.run(create_admin(settings, "root", ROOT_PASSWORD))
    code = tour_code()
    assert code.count('password="..."') == 1, "the tour signs the admin in as the README's other examples do"
    with live_server(embedded_app(settings), settings) as server:
        alice = {"username": "alice", "password": "correct horse"}
        registered = httpx.post(f"{server.url}/v1/auth/register", json=alice)
        assert registered.status_code == 201, registered.text
        runnable = code.replace(README_URL, server.url).replace('password="..."', f'password="{ROOT_PASSWORD}"')
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(runnable, str(README), "exec"), {"__name__": "readme_tour"})

        token = httpx.post(f"{server.url}/v1/auth/login", json=alice).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        [loan] = httpx.get(f"{server.url}/v1/credit/loans", headers=headers).json()["items"]
        schedule = httpx.get(f"{server.url}/v1/credit/loans/{loan['id']}", headers=headers).json()["payments"]
    lines = printed.getvalue().splitlines()
    assert lines[0].split()[1:3] == ["LOW", "['Excellent"], lines[0]  # score, risk band, reasons
    assert len([line for line in lines if re.fullmatch(r"\d+ \d{4}-\d\d-\d\d \d+ \d+", line)]) == 12
    assert sum(p["principal"]["amount"] for p in schedule if not p["early"]) == 1_000_000
    assert schedule[-1]["early"], "the tour plans an early repayment"
