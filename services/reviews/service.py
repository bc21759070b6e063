"""Wires reviews together: its database, use cases, event consumers and gRPC server."""

from __future__ import annotations

from pathlib import Path

from services.platform.bus import Bus
from services.platform.db import Database
from services.platform.product_deletions import DeletionParticipant, participant_queue
from services.platform.runner import RunningService, open_database, serve
from services.platform.settings import Settings
from services.reviews.adapters.events import reviews_dropped
from services.reviews.adapters.unit_of_work import ReviewsUnitOfWork
from services.reviews.entrypoints.consumer import subscriptions
from services.reviews.entrypoints.grpc import reviews_servicer
from services.reviews.service_layer import ReviewsService

NAME = "reviews"
MIGRATIONS = Path(__file__).parent / "migrations"


async def open_reviews(settings: Settings) -> tuple[ReviewsService, DeletionParticipant, Database]:
    database = await open_database(settings, NAME, MIGRATIONS)
    service = ReviewsService(lambda: ReviewsUnitOfWork(database))
    return service, DeletionParticipant(lambda: ReviewsUnitOfWork(database), reviews_dropped), database


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    service, deletions, database = await open_reviews(settings)
    return await serve(
        NAME,
        address,
        [reviews_servicer(service)],
        settings=settings,
        database=database,
        bus=bus,
        subscriptions=[
            *subscriptions(service, settings.event_namespace),
            deletions.subscription(participant_queue(settings.event_namespace, NAME)),
        ],
    )
