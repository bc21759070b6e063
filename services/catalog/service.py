"""Wires catalog together: its database, use cases, event consumer and gRPC server."""

from __future__ import annotations

from pathlib import Path

from services.catalog.adapters.cache import ProductCache
from services.catalog.adapters.unit_of_work import CatalogUnitOfWork
from services.catalog.entrypoints.consumer import subscriptions
from services.catalog.entrypoints.grpc import catalog_servicer
from services.catalog.service_layer import CatalogService
from services.platform.bus import Bus
from services.platform.db import Database
from services.platform.runner import RunningService, open_database, serve
from services.platform.settings import Settings

NAME = "catalog"
MIGRATIONS = Path(__file__).parent / "migrations"


async def open_catalog(settings: Settings) -> tuple[CatalogService, Database]:
    database = await open_database(settings, NAME, MIGRATIONS)
    cache = ProductCache(settings.catalog_cache_ttl_seconds)
    return CatalogService(lambda: CatalogUnitOfWork(database), cache), database


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    service, database = await open_catalog(settings)
    return await serve(
        NAME,
        address,
        [catalog_servicer(service)],
        database=database,
        bus=bus,
        subscriptions=subscriptions(service, settings.event_namespace),
    )
