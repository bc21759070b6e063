"""Async SQLAlchemy engines and per-service alembic migrations: SQLite embedded, PostgreSQL by URL."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import asyncpg
from alembic import command, context
from alembic.config import Config
from sqlalchemy import ColumnElement, Connection, DateTime, Dialect, Table, TypeDecorator, Update, event, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

log = logging.getLogger(__name__)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every engine (SQLite would hand back naive datetimes)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def conflict_dialect(session: AsyncSession) -> ModuleType:
    """The dialect module whose insert() has ON CONFLICT clauses for the session's database (PostgreSQL's and
    SQLite's read alike)."""
    return postgresql if session.get_bind().dialect.name == "postgresql" else sqlite


class Driver:
    """Statements run straight on asyncpg, in the session's transaction (see `driver_connection`).

    Their database errors are raised as SQLAlchemy raises them (IntegrityError for a broken constraint, DBAPIError
    with the driver's error as `orig`, whose `sqlstate` the callers read), whichever way a statement ran.
    """

    def __init__(self, connection: asyncpg.Connection) -> None:
        self.connection = connection

    async def execute(self, statement: str, *arguments: Any) -> str:
        with _as_sqlalchemy_errors(statement):
            status: str = await self.connection.execute(statement, *arguments)
            return status

    async def fetch(self, statement: str, *arguments: Any) -> list[asyncpg.Record]:
        with _as_sqlalchemy_errors(statement):
            rows: list[asyncpg.Record] = await self.connection.fetch(statement, *arguments)
            return rows


@contextmanager
def _as_sqlalchemy_errors(statement: str) -> Iterator[None]:
    try:
        yield
    except asyncpg.PostgresError as error:
        kind = IntegrityError if str(error.sqlstate).startswith("23") else DBAPIError
        raise kind(statement, None, error) from error


async def driver_connection(session: AsyncSession) -> Driver | None:
    """On PostgreSQL, the asyncpg connection under the session's transaction; None on SQLite.

    The hot statements run on it directly: asyncpg prepares each once per connection, and a statement skips
    SQLAlchemy's per-execution work (cache keys, parameter and result processing), which cost more than the
    round trip itself. They run in the session's transaction, which SQLAlchemy still begins and commits.
    """
    if session.get_bind().dialect.name != "postgresql":
        return None
    connection = await session.connection()
    pooled = await connection.get_raw_connection()
    adapted: Any = pooled.dbapi_connection
    # SQLAlchemy's asyncpg adapter sends BEGIN lazily, with its own first statement: one sent past it first would
    # run outside the transaction (autocommitted, never rolled back). Begin it as the adapter would.
    if not hasattr(adapted, "_transaction"):
        raise RuntimeError("SQLAlchemy's asyncpg adapter changed: check driver_connection before upgrading")
    if adapted._transaction is None:
        await adapted._start_transaction()
    return Driver(pooled.driver_connection)


def locking_read(table: Table, *where: ColumnElement[bool]) -> Update:
    """Reads the matching rows locked until the transaction ends, on PostgreSQL and on SQLite alike.

    A no-op UPDATE ... RETURNING: PostgreSQL locks the rows it touches, and SQLite, which ignores FOR UPDATE,
    takes its one write lock only for a write, so a plain SELECT would let another transaction change the rows
    between this read and this transaction's write.
    """
    key = next(iter(table.primary_key.columns))
    return update(table).where(*where).values({key.name: key}).returning(*table.columns)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, pool_size: int = 10) -> AsyncEngine:
    """The engine of one service process: at most `pool_size` connections, kept open once opened.

    No overflow beyond them: SQLAlchemy closes an overflow connection as soon as it is returned, so a load that
    hovers above the pool's size opened and closed connections several times a second (each new one pays
    PostgreSQL's backend start, authentication and every statement's preparation again). Seven services at
    10 (and their outbox listeners) stay inside PostgreSQL's default max_connections of 100.
    """
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _tune_sqlite)
        return engine
    # No pre-ping: it costs three round trips per checkout; a connection the server dropped is discarded on
    # its first error instead, and recycled after half an hour regardless.
    return create_async_engine(url, pool_size=pool_size, max_overflow=0, pool_recycle=1800)


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Per connection; the journal mode is the file's and is set once, in `Database.prepare`."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


async def ensure_database(url: str) -> None:
    """Creates the PostgreSQL database named in `url` if it is missing; SQLite files create themselves."""
    if is_sqlite(url):
        return
    target = make_url(url)
    admin = create_async_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            exists = await connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            )
            if not exists:
                try:
                    await connection.execute(text(f'CREATE DATABASE "{target.database}"'))
                except DBAPIError as error:  # another process created it first
                    if "already exists" not in str(error):
                        raise
    finally:
        await admin.dispose()


async def drop_database(url: str) -> None:
    """Drops a PostgreSQL database (tests use it to clean up after themselves)."""
    target = make_url(url)
    admin = create_async_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
    finally:
        await admin.dispose()


async def migrate(engine: AsyncEngine, migrations: Path) -> None:
    """Applies a service's alembic migrations (its `migrations/` folder) up to head."""
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Processes of one service starting together (gateway workers hosting it, say) migrate one at a time.
            await connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('agora.migrate'))"))
        await connection.run_sync(_upgrade, migrations)


def _upgrade(connection: Connection, migrations: Path) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def run_migrations() -> None:
    """The body of every service's alembic env.py: migrate on the connection `migrate` passes in."""
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


class Database:
    """One service's engine and session factory."""

    def __init__(self, url: str, pool_size: int = 10) -> None:
        self.url = url
        self.engine = create_engine(url, pool_size)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # Set after a commit that wrote outbox rows, so the relay publishes at once instead of at its next poll.
        self.outbox_written = asyncio.Event()

    async def prepare(self, migrations: Path) -> None:
        await ensure_database(self.url)
        if is_sqlite(self.url):
            # Readers never wait for the writer; switching needs the file to itself, so it happens here, once.
            async with self.engine.connect() as connection:
                await connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        await migrate(self.engine, migrations)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        async with self.sessions() as session, session.begin():
            yield session

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def close(self) -> None:
        await self.engine.dispose()
