"""orders' use cases on a fresh SQLite store, with a catalog answered from memory and a clock the test moves."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from services.orders.adapters.unit_of_work import OrdersUnitOfWork
from services.orders.saga import Timing
from services.orders.service import MIGRATIONS, NAME
from services.orders.service_layer import OrdersService
from services.platform.context import Principal
from services.platform.db import Database
from services.platform.runner import open_database
from services.platform.settings import Settings
from tests.unit.customers.fakes import FakeCatalog

TIMING = Timing(step_timeout=timedelta(seconds=15), retry_base=timedelta(seconds=2), max_compensation_attempts=3)
"""Three sends of an undo (the cancellation's and two by the sweeper) before an order is COMPENSATION_FAILED."""

UnitOfWorkFactory = Callable[[Database], OrdersUnitOfWork]


TICK = timedelta(milliseconds=1)


@dataclass
class FakeClock:
    """The time orders sees: a little later at every look, as in life; tests move it past deadlines instead of
    waiting. Frozen, it would hide effects: a saga step changing only `updated_at` would equal the stored order,
    and OrdersService._apply would drop the commands the step sends in production."""

    now: datetime = field(default_factory=lambda: datetime(2030, 1, 1, tzinfo=UTC))

    def __call__(self) -> datetime:
        self.now += TICK
        return self.now

    def move_past(self, moment: datetime) -> None:
        self.now = max(self.now, moment) + timedelta(seconds=1)


class NoCarts:
    """Carts are not under test: every order here names its items, so no cart is ever asked for."""

    async def items(self, principal: Principal) -> list[tuple[uuid.UUID, int]]:
        raise AssertionError("orders asked for a cart although the order names its items")


def orders_service(
    database: Database, catalog: FakeCatalog, clock: FakeClock, unit_of_work: UnitOfWorkFactory = OrdersUnitOfWork
) -> OrdersService:
    return OrdersService(lambda: unit_of_work(database), catalog, NoCarts(), TIMING, clock)


@pytest.fixture(scope="session")
async def migrated_orders_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """orders' SQLite file migrated to head once, for each test to start from a copy (migrating takes longer)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("orders-template"))
    database = await open_database(settings, NAME, MIGRATIONS)
    await database.close()  # the last connection to close checkpoints the WAL: the file holds everything
    return Path(str(make_url(database.url).database))


@pytest.fixture
async def orders_database(migrated_orders_file: Path, tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh orders store of the test's own."""
    copy = tmp_path / migrated_orders_file.name
    shutil.copyfile(migrated_orders_file, copy)
    database = Database(f"sqlite+aiosqlite:///{copy}")
    yield database
    await database.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def catalog() -> FakeCatalog:
    return FakeCatalog()


@pytest.fixture
def orders(orders_database: Database, catalog: FakeCatalog, clock: FakeClock) -> OrdersService:
    return orders_service(orders_database, catalog, clock)
