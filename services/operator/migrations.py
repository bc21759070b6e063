"""`agora migrate`: each service's database to head with its own alembic migrations, as the service does at start."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.exc import SQLAlchemyError

from services.operator.errors import CliError, UsageError, database_place, database_unreachable, reason_of
from services.platform.db import Database, ensure_database
from services.platform.settings import SERVICES, Settings
from services.registry import MIGRATIONS

REACH_TIMEOUT = 10.0
"""Seconds to wait for a database server to answer before calling it unreachable."""


@dataclass(frozen=True)
class Migrated:
    service: str
    before: str | None  # None: the database was empty (or new)
    after: str | None

    def line(self) -> str:
        moved = f"{self.before or 'empty'} -> {self.after}"
        return f"{self.service:<14} {moved}" + (" (already at head)" if self.before == self.after else "")


def databases_named(names: Sequence[str]) -> list[str]:
    """The services named (all that keep a database when none is), in the platform's order; refuses other names."""
    for name in names:
        if name not in MIGRATIONS:
            problem = f"{name} keeps no database" if name in SERVICES else f"unknown service {name!r}"
            raise UsageError(problem, f"choose from {', '.join(databases_named([]))}")
    return [service for service in SERVICES if service in MIGRATIONS and (not names or service in names)]


def head_of(migrations: Path) -> str | None:
    return ScriptDirectory(str(migrations)).get_current_head()


async def revision_of(database: Database) -> str | None:
    """The revision the database is at; None when it holds no migrations yet."""
    async with database.engine.connect() as connection:
        return await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())


async def migrate(settings: Settings, names: Sequence[str]) -> list[Migrated]:
    """Migrates each named service's database in turn, printing a line per database; stops at the first failure."""
    done = []
    for service in databases_named(names):
        migrated = await migrate_service(settings, service)
        print(migrated.line(), flush=True)
        done.append(migrated)
    return done


async def check_reachable(settings: Settings, service: str) -> None:
    """Raises the one-line error when the service's database server does not answer (or its file cannot be made)."""
    url = settings.database_url_for(service)
    try:
        await asyncio.wait_for(ensure_database(url), REACH_TIMEOUT)
    except (OSError, TimeoutError, SQLAlchemyError) as error:
        raise database_unreachable(error, url, settings.database_url) from None


async def migrate_service(settings: Settings, service: str) -> Migrated:
    url = settings.database_url_for(service)
    await check_reachable(settings, service)
    try:
        database = Database(url, pool_size=1)  # a SQLite file's directory is made here
    except OSError as error:
        raise database_unreachable(error, url, settings.database_url) from None
    try:
        try:
            before = await asyncio.wait_for(revision_of(database), REACH_TIMEOUT)
        except (OSError, TimeoutError, SQLAlchemyError) as error:
            raise database_unreachable(error, url, settings.database_url) from None
        try:
            await database.prepare(MIGRATIONS[service])
            after = await revision_of(database)
        except (OSError, SQLAlchemyError, CommandError) as error:
            raise CliError(
                f"migrating {service}'s database ({database_place(url)}) failed: {reason_of(error)}",
                f"it was at {before or 'empty'}; fix the cause and run `agora migrate {service}` again",
            ) from None
    finally:
        await database.close()
    return Migrated(service, before, after)
