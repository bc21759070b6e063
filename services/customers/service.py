"""Wires customers together: its database, the catalog client, use cases and gRPC server."""

from __future__ import annotations

from pathlib import Path

from services.customers.adapters.events import references_dropped
from services.customers.adapters.unit_of_work import CustomersUnitOfWork
from services.customers.entrypoints.consumer import subscriptions
from services.customers.entrypoints.grpc import customers_servicer
from services.customers.service_layer import CustomersService
from services.platform.bus import Bus
from services.platform.catalog_client import ProductDirectory
from services.platform.db import Database
from services.platform.grpc_client import Caller
from services.platform.product_deletions import DeletionParticipant, participant_queue
from services.platform.runner import RunningService, open_database, serve
from services.platform.settings import Settings

NAME = "customers"
MIGRATIONS = Path(__file__).parent / "migrations"


async def open_customers(settings: Settings) -> tuple[CustomersService, ProductDirectory, Database]:
    database = await open_database(settings, NAME, MIGRATIONS)
    directory = ProductDirectory(settings.address_of("catalog"), Caller.of(settings, NAME))
    return CustomersService(lambda: CustomersUnitOfWork(database), directory), directory, database


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    service, directory, database = await open_customers(settings)
    deletions = DeletionParticipant(lambda: CustomersUnitOfWork(database), references_dropped)
    running = await serve(
        NAME,
        address,
        [customers_servicer(service)],
        settings=settings,
        database=database,
        bus=bus,
        subscriptions=[
            *subscriptions(service, settings.event_namespace),
            deletions.subscription(participant_queue(settings.event_namespace, NAME)),
        ],
    )
    running.closers.append(directory.close)
    return running
