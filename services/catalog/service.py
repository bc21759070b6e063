"""Wires catalog together: its database, use cases, event consumer and gRPC server."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from services.catalog.adapters.cache import ProductCache
from services.catalog.adapters.unit_of_work import CatalogUnitOfWork
from services.catalog.entrypoints.consumer import subscriptions
from services.catalog.entrypoints.grpc import catalog_servicer
from services.catalog.service_layer import CatalogService, DeletionRules
from services.platform.bus import Bus
from services.platform.db import Database
from services.platform.runner import RunningService, open_database, serve, start_sweeping
from services.platform.settings import Settings

NAME = "catalog"
MIGRATIONS = Path(__file__).parent / "migrations"


def deletion_rules_of(settings: Settings) -> DeletionRules:
    return DeletionRules(
        participants=settings.product_deletion_participants,
        timeout=timedelta(seconds=settings.product_deletion_timeout_seconds),
    )


async def open_catalog(settings: Settings) -> tuple[CatalogService, Database]:
    database = await open_database(settings, NAME, MIGRATIONS)
    cache = ProductCache(settings.catalog_cache_ttl_seconds)
    rules = deletion_rules_of(settings)
    return CatalogService(lambda: CatalogUnitOfWork(database), cache, deletion_rules=rules), database


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    service, database = await open_catalog(settings)
    running = await serve(
        NAME,
        address,
        [catalog_servicer(service)],
        settings=settings,
        database=database,
        bus=bus,
        subscriptions=subscriptions(service, settings.event_namespace, settings.product_deletion_participants),
    )
    start_sweeping(running, service.deletions.sweep, settings.product_deletion_sweep_seconds, "deletion sweep")
    return running
