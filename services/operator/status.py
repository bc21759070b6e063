"""`agora status`: whether every service serves, its database is at head, the broker answers, and what waits."""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from services.operator.broker import EMBEDDED, connected, counts, queues_by_service
from services.operator.errors import CliError, broker_place, database_place, reason_of
from services.operator.migrations import REACH_TIMEOUT, revision_of
from services.operator.table import age, table
from services.platform.bus.rabbitmq import dead_letter_queue_name
from services.platform.db import Database, is_sqlite
from services.platform.grpc_client import is_serving, open_channel
from services.platform.outbox import outbox, outbox_backlog
from services.platform.settings import SERVICES, Settings
from services.registry import MIGRATIONS

HEALTH_TIMEOUT = 2.0
MISSING_DATABASE = "3D000"  # PostgreSQL's invalid_catalog_name


@dataclass(frozen=True)
class DatabaseState:
    where: str
    state: str  # "at head", "behind", "unknown revision", "missing", "unreachable"
    revision: str | None = None
    head: str | None = None
    detail: str = ""
    outbox_rows: int | None = None
    oldest_outbox_age_seconds: float | None = None

    @property
    def up(self) -> bool:
        return self.state == "at head"


@dataclass(frozen=True)
class ServiceState:
    name: str
    address: str
    serving: bool
    database: DatabaseState | None  # None: the service keeps no database

    @property
    def up(self) -> bool:
        return self.serving and (self.database is None or self.database.up)


@dataclass(frozen=True)
class QueueState:
    name: str
    service: str
    declared: bool
    ready: int | None = None
    consumers: int | None = None
    dead_letters: int | None = None


@dataclass(frozen=True)
class BusState:
    broker: str  # "RabbitMQ at host:port", or "in-process"
    reachable: bool
    detail: str = ""
    queues: list[QueueState] = field(default_factory=list)


@dataclass(frozen=True)
class Status:
    services: list[ServiceState]
    bus: BusState

    @property
    def up(self) -> bool:
        return self.bus.reachable and all(service.up for service in self.services)

    def as_json(self) -> str:
        return json.dumps({"up": self.up, **asdict(self)}, indent=2)

    def as_table(self) -> str:
        rows = [
            [
                service.name,
                service.address,
                "serving" if service.serving else "down",
                _database_cell(service.database),
                _outbox_cell(service.database),
            ]
            for service in self.services
        ]
        parts = [table(["SERVICE", "ADDRESS", "GRPC", "DATABASE", "OUTBOX"], rows), "", _bus_line(self.bus)]
        if self.bus.queues:
            queue_rows = [[queue.name, queue.service, *_queue_cells(queue)] for queue in self.bus.queues]
            parts += ["", table(["QUEUE", "SERVICE", "READY", "CONSUMERS", "DEAD LETTERS"], queue_rows)]
        parts += ["", "all up" if self.up else f"not up: {'; '.join(self.problems())}", *self.hints()]
        return "\n".join(parts)

    def problems(self) -> list[str]:
        by_kind: dict[str, list[str]] = {}
        for service in self.services:
            if not service.serving:
                by_kind.setdefault("not serving", []).append(service.name)
            if service.database is not None and not service.database.up:
                by_kind.setdefault(f"database {service.database.state}", []).append(service.name)
        found = [f"{kind}: {' '.join(names)}" for kind, names in by_kind.items()]
        return found if self.bus.reachable else [*found, "broker unreachable"]

    def hints(self) -> list[str]:
        databases = [service.database for service in self.services if service.database is not None]
        found = sorted({f"cannot reach {db.where}: {db.detail}" for db in databases if db.state == "unreachable"})
        if any(db.state in ("missing", "behind") for db in databases):
            found.append("`agora migrate` creates the missing databases and brings them to head")
        return found


async def status(settings: Settings) -> Status:
    services = await asyncio.gather(*(service_state(settings, name) for name in SERVICES))
    return Status(list(services), await bus_state(settings))


async def service_state(settings: Settings, name: str) -> ServiceState:
    address = settings.address_of(name)
    if name not in MIGRATIONS:
        return ServiceState(name, address, await _serving(address), None)
    serving, database = await asyncio.gather(_serving(address), database_state(settings, name))
    return ServiceState(name, address, serving, database)


async def _serving(address: str) -> bool:
    channel = open_channel(address)
    try:
        return await is_serving(channel, HEALTH_TIMEOUT)
    finally:
        await channel.close()


async def database_state(settings: Settings, service: str) -> DatabaseState:
    """Where the database stands, without creating or changing it."""
    url = settings.database_url_for(service)
    where, script = database_place(url), ScriptDirectory(str(MIGRATIONS[service]))
    head = script.get_current_head()
    if _sqlite_file_missing(url):
        return DatabaseState(where, "missing", head=head, detail="no file yet: `agora migrate` creates it")
    database = Database(url, pool_size=1)
    try:
        revision = await asyncio.wait_for(revision_of(database), REACH_TIMEOUT)
        rows, oldest_age = await asyncio.wait_for(_outbox_backlog(database), REACH_TIMEOUT)
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) == MISSING_DATABASE:
            return DatabaseState(where, "missing", head=head, detail="`agora migrate` creates it")
        return DatabaseState(where, "unreachable", head=head, detail=reason_of(error))
    except (OSError, TimeoutError, SQLAlchemyError) as error:
        return DatabaseState(where, "unreachable", head=head, detail=reason_of(error))
    finally:
        await database.close()
    known = {revision.revision for revision in script.walk_revisions()}
    state = "at head" if revision == head else "behind" if revision is None or revision in known else "unknown revision"
    return DatabaseState(where, state, revision, head, outbox_rows=rows, oldest_outbox_age_seconds=oldest_age)


def _sqlite_file_missing(url: str) -> bool:
    """Looked at first, since connecting would create the file."""
    return is_sqlite(url) and not Path(make_url(url).database or "").exists()


async def _outbox_backlog(database: Database) -> tuple[int | None, float | None]:
    """The outbox's rows and the oldest's age; (None, None) before the migration that makes the table."""
    async with database.engine.connect() as connection:
        if not await connection.run_sync(lambda sync: inspect(sync).has_table(outbox.name)):
            return None, None
    return await outbox_backlog(database)


async def bus_state(settings: Settings) -> BusState:
    if not settings.amqp_url:
        return BusState("in-process", True, EMBEDDED)
    where = broker_place(settings.amqp_url)
    try:
        async with connected(settings) as connection:
            queues = []
            for service, names in queues_by_service(settings).items():
                for name in names:
                    found = await counts(connection, name)
                    dead = await counts(connection, dead_letter_queue_name(name))
                    if found is None:
                        queues.append(QueueState(name, service, declared=False))
                    else:
                        dead_letters = dead.messages if dead is not None else 0
                        queues.append(QueueState(name, service, True, found.messages, found.consumers, dead_letters))
    except CliError as error:
        return BusState(where, False, error.message)
    return BusState(where, True, queues=queues)


def _database_cell(database: DatabaseState | None) -> str:
    if database is None:
        return "-"
    if database.state == "at head":
        return f"at head ({database.revision})"
    if database.state in ("behind", "unknown revision"):
        return f"{database.state}: {database.revision or 'empty'}, head {database.head}"
    return f"unreachable: {database.detail}" if database.state == "unreachable" else database.state


def _outbox_cell(database: DatabaseState | None) -> str:
    if database is None or database.outbox_rows is None:
        return "-"
    if database.outbox_rows == 0:
        return "0"
    return f"{database.outbox_rows} (oldest {age(database.oldest_outbox_age_seconds)})"


def _queue_cells(queue: QueueState) -> list[str]:
    if not queue.declared:
        return ["not declared", "-", "-"]
    return [str(queue.ready), str(queue.consumers), str(queue.dead_letters)]


def _bus_line(bus: BusState) -> str:
    if bus.broker == "in-process":
        return f"bus: in-process; {bus.detail}"
    return f"bus: {bus.broker} reachable" if bus.reachable else f"bus: {bus.detail}"
