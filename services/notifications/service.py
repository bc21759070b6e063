"""Wires notifications together: its database, use cases, event consumer and gRPC server."""

from __future__ import annotations

from pathlib import Path

from services.notifications.adapters.unit_of_work import NotificationsUnitOfWork
from services.notifications.entrypoints.consumer import subscriptions
from services.notifications.entrypoints.grpc import notifications_servicer
from services.notifications.service_layer import NotificationsService
from services.platform.bus import Bus
from services.platform.db import Database
from services.platform.runner import RunningService, open_database, serve
from services.platform.settings import Settings

NAME = "notifications"
MIGRATIONS = Path(__file__).parent / "migrations"


async def open_notifications(settings: Settings) -> tuple[NotificationsService, Database]:
    database = await open_database(settings, NAME, MIGRATIONS)
    return NotificationsService(lambda: NotificationsUnitOfWork(database)), database


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    service, database = await open_notifications(settings)
    return await serve(
        NAME,
        address,
        [notifications_servicer(service)],
        settings=settings,
        database=database,
        bus=bus,
        subscriptions=subscriptions(service, settings.event_namespace),
    )
