"""Wires wallet together: its database, rates, use cases, event consumer and gRPC server."""

from __future__ import annotations

import logging
from pathlib import Path

from services.platform.bus import Bus
from services.platform.cache import open_key_value
from services.platform.db import Database, is_sqlite
from services.platform.runner import RunningService, open_database, serve
from services.platform.settings import Settings
from services.wallet.adapters.rates import RateBook
from services.wallet.adapters.unit_of_work import WalletUnitOfWork
from services.wallet.entrypoints.consumer import subscriptions
from services.wallet.entrypoints.grpc import wallet_servicer
from services.wallet.service_layer import WalletService

log = logging.getLogger(__name__)

NAME = "wallet"
MIGRATIONS = Path(__file__).parent / "migrations"


async def open_wallet(settings: Settings) -> tuple[WalletService, Database]:
    database = await open_database(settings, NAME, MIGRATIONS)
    rates = RateBook(open_key_value(settings.redis_url), settings.event_namespace, settings.rate_ttl_seconds)
    service = WalletService(lambda: WalletUnitOfWork(database), rates, single_writer=is_sqlite(database.url))
    if settings.rates_file is not None:
        loaded = await service.load_rates(settings.rates_file)
        log.info("loaded %d conversion rates from %s", loaded, settings.rates_file)
    return service, database


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    service, database = await open_wallet(settings)
    running = await serve(
        NAME,
        address,
        [wallet_servicer(service)],
        settings=settings,
        database=database,
        bus=bus,
        subscriptions=subscriptions(service, settings.event_namespace),
    )
    running.closers.append(service.rates.store.close)
    return running
