"""Wires orders together: its database, the clients it calls, the saga's consumer and sweeper, and gRPC."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path

from services.orders.adapters.carts import Carts
from services.orders.adapters.unit_of_work import OrdersUnitOfWork
from services.orders.entrypoints.consumer import subscriptions
from services.orders.entrypoints.grpc import orders_servicer
from services.orders.saga import Timing
from services.orders.service_layer import OrdersService
from services.platform.bus import Bus
from services.platform.catalog_client import ProductDirectory
from services.platform.runner import RunningService, cancel, open_database, serve
from services.platform.settings import Settings

log = logging.getLogger(__name__)

NAME = "orders"
MIGRATIONS = Path(__file__).parent / "migrations"


def timing_of(settings: Settings) -> Timing:
    return Timing(
        step_timeout=timedelta(seconds=settings.order_step_timeout_seconds),
        retry_base=timedelta(seconds=settings.order_retry_base_seconds),
        max_compensation_attempts=settings.order_max_compensation_attempts,
    )


async def sweep_forever(service: OrdersService, interval: float) -> None:
    """Times out stalled steps and resends unconfirmed undos, for as long as the service runs."""
    while True:
        try:
            while await service.sweep() > 0:
                pass
        except Exception as error:  # the database is away: try again next time
            log.warning("order sweep failed: %r", error)
        await asyncio.sleep(interval)


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    database = await open_database(settings, NAME, MIGRATIONS)
    products = ProductDirectory(settings.address_of("catalog"), settings.grpc_deadline_seconds)
    carts = Carts(settings.address_of("customers"), settings.grpc_deadline_seconds)
    service = OrdersService(lambda: OrdersUnitOfWork(database), products, carts, timing_of(settings))
    running = await serve(
        NAME,
        address,
        [orders_servicer(service)],
        database=database,
        bus=bus,
        subscriptions=subscriptions(service, settings.event_namespace),
    )
    sweeper = asyncio.create_task(sweep_forever(service, settings.order_sweep_seconds), name="order-sweeper")
    # Before the closers `serve` set up (the database among them): nothing may sweep a closed database.
    running.closers[:0] = [lambda: cancel(sweeper), products.close, carts.close]
    return running
