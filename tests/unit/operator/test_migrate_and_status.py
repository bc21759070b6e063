"""`agora migrate` and `agora status` on the embedded store: SQLite files in a fresh AGORA_DATA_DIR."""

from __future__ import annotations

import asyncio
import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, insert

from services.cli import main
from services.operator.migrations import head_of
from services.platform.bus.memory import MemoryBus
from services.platform.clock import utc_now
from services.platform.db import Database
from services.platform.outbox import outbox
from services.platform.settings import SERVICES, Settings
from services.registry import MIGRATIONS, running_services
from tests.unit.operator.conftest import agora

DATABASES = [service for service in SERVICES if service in MIGRATIONS]


def test_migrate_brings_every_database_to_head_and_says_where_it_was(
    capsys: pytest.CaptureFixture[str], data_dir: Path
):
    first = agora(capsys, "migrate")
    again = agora(capsys, "migrate")

    assert first.code == again.code == 0
    assert first.out.splitlines() == [f"{service:<14} empty -> {head_of(MIGRATIONS[service])}" for service in DATABASES]
    assert again.out.splitlines() == [
        f"{service:<14} {head_of(MIGRATIONS[service])} -> {head_of(MIGRATIONS[service])} (already at head)"
        for service in DATABASES
    ]
    assert sorted(path.name for path in data_dir.glob("*.db")) == sorted(f"{service}.db" for service in DATABASES)


def test_migrate_touches_only_the_services_named(capsys: pytest.CaptureFixture[str], data_dir: Path):
    ran = agora(capsys, "migrate", "wallet", "identity")

    assert ran.code == 0
    # In the platform's order, whatever order they were named in.
    assert ran.out.splitlines() == ["identity       empty -> 0002", "wallet         empty -> 0003"]
    assert sorted(path.name for path in data_dir.glob("*.db")) == ["identity.db", "wallet.db"]


def test_migrate_takes_a_database_behind_to_head(capsys: pytest.CaptureFixture[str], data_dir: Path):
    asyncio.run(migrate_to(Settings(), "wallet", "0001"))

    behind = status_json(capsys)
    ran = agora(capsys, "migrate", "wallet")

    wallet = service_in(behind, "wallet")["database"]
    assert (wallet["state"], wallet["revision"], wallet["head"]) == ("behind", "0001", "0003")
    assert ran.out.splitlines() == ["wallet         0001 -> 0003"]
    assert service_in(status_json(capsys), "wallet")["database"]["state"] == "at head"


def test_status_before_migrating_reports_missing_databases_and_creates_none(
    capsys: pytest.CaptureFixture[str], data_dir: Path
):
    ran = agora(capsys, "status")

    assert ran.code == 1
    assert "database missing: identity catalog notifications wallet customers orders reviews credit" in ran.out
    assert "`agora migrate` creates the missing databases" in ran.out
    assert not list(data_dir.glob("*.db"))


def test_status_reports_each_database_at_head_and_the_services_down(capsys: pytest.CaptureFixture[str], data_dir: Path):
    agora(capsys, "migrate")

    found = status_json(capsys)

    assert found["up"] is False  # nothing serves at the configured addresses
    for service in found["services"]:
        assert service["serving"] is False
        if service["name"] == "scoring":
            assert service["database"] is None
        else:
            database = service["database"]
            assert database["state"] == "at head", service
            assert database["revision"] == database["head"] == head_of(MIGRATIONS[service["name"]])
            assert database["outbox_rows"] == 0
    assert found["bus"] == {
        "broker": "in-process",
        "reachable": True,
        "detail": "dead letters live only inside a running embedded process "
        "(AGORA_AMQP_URL is unset: events travel in-process)",
        "queues": [],
    }


def test_status_counts_the_outbox_backlog_and_the_oldest_rows_age(capsys: pytest.CaptureFixture[str], data_dir: Path):
    agora(capsys, "migrate", "identity")
    asyncio.run(write_outbox_rows(Settings(), "identity", ages=[timedelta(hours=2), timedelta(minutes=1)]))

    identity = service_in(status_json(capsys), "identity")["database"]
    table = agora(capsys, "status").out

    assert identity["outbox_rows"] == 2
    assert 7200 <= identity["oldest_outbox_age_seconds"] < 7200 + 600
    assert "2 (oldest 2h00m)" in table or "2 (oldest 2h01m)" in table


async def test_status_is_up_and_exits_0_when_every_service_serves(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
):
    settings = Settings()
    async with running_services(SERVICES, settings, MemoryBus()) as running:
        for name, service in running.items():
            monkeypatch.setenv(f"AGORA_{name.upper()}_ADDRESS", service.address)
        code = await asyncio.to_thread(main, ["status"])  # the command runs its own event loop
        out = capsys.readouterr().out

    assert code == 0, out
    assert out.rstrip().endswith("all up")
    for name in SERVICES:
        assert f"{name} " in out
        assert f"{running[name].address}  serving" in out


def status_json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    ran = agora(capsys, "status", "--json")
    found: dict[str, Any] = json.loads(ran.out)
    assert ran.code == (0 if found["up"] else 1)
    return found


def service_in(found: dict[str, Any], name: str) -> dict[str, Any]:
    return next(service for service in found["services"] if service["name"] == name)


async def migrate_to(settings: Settings, service: str, revision: str) -> None:
    """The service's database at an older revision, as a database not migrated since that release would be."""

    def upgrade(connection: Connection) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS[service]))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    database = Database(settings.database_url_for(service))
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(upgrade)
    finally:
        await database.close()


async def write_outbox_rows(settings: Settings, service: str, ages: list[timedelta]) -> None:
    """Events committed that no relay has published (none runs)."""
    database = Database(settings.database_url_for(service))
    now = utc_now()
    try:
        async with database.transaction() as session:
            rows = [
                {"event_id": os.urandom(8).hex(), "routing_key": "test.event", "body": b"", "created_at": now - age}
                for age in ages
            ]
            await session.execute(insert(outbox), rows)
    finally:
        await database.close()
