"""Every wallet use case of tests/unit/wallet/test_service_layer.py again on PostgreSQL, where the ledger's hot
paths run straight on asyncpg (PostgresLedger): the same answers, balances and ledger totals as on SQLite."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.platform.settings import Settings
from services.wallet.adapters.repository import PostgresLedger
from services.wallet.service import open_wallet
from services.wallet.service_layer import WalletService
from tests.unit.wallet.test_service_layer import *  # noqa: F403  # the use cases, collected here too

pytestmark = pytest.mark.postgres


@pytest.fixture  # type: ignore[no-redef]  # replaces the imported SQLite one
async def wallet(postgres_settings: Settings) -> AsyncIterator[WalletService]:
    service, database = await open_wallet(postgres_settings)
    yield service
    await database.close()


async def test_the_use_cases_here_run_on_the_postgres_ledger(wallet: WalletService) -> None:
    async with wallet.unit_of_work() as uow:
        assert isinstance(uow.ledger, PostgresLedger)
