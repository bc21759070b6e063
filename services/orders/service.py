"""Wires orders together: its database, the clients it calls, the saga's consumer and sweeper, and gRPC."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from services.orders.adapters.carts import Carts
from services.orders.adapters.saga_metrics import order_states_sampler
from services.orders.adapters.unit_of_work import OrdersUnitOfWork
from services.orders.entrypoints.consumer import subscriptions
from services.orders.entrypoints.grpc import orders_servicer
from services.orders.saga import Timing
from services.orders.service_layer import OrdersService
from services.platform.bus import Bus
from services.platform.catalog_client import ProductDirectory
from services.platform.grpc_client import Caller
from services.platform.runner import RunningService, open_database, serve, start_sampling, start_sweeping
from services.platform.settings import Settings

NAME = "orders"
MIGRATIONS = Path(__file__).parent / "migrations"


def timing_of(settings: Settings) -> Timing:
    return Timing(
        step_timeout=timedelta(seconds=settings.order_step_timeout_seconds),
        retry_base=timedelta(seconds=settings.order_retry_base_seconds),
        max_compensation_attempts=settings.order_max_compensation_attempts,
    )


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    database = await open_database(settings, NAME, MIGRATIONS)
    products = ProductDirectory(settings.address_of("catalog"), Caller.of(settings, NAME))
    carts = Carts(settings.address_of("customers"), Caller.of(settings, NAME))
    service = OrdersService(
        lambda: OrdersUnitOfWork(database),
        products,
        carts,
        timing_of(settings),
        max_in_flight=settings.order_max_in_flight,
    )
    running = await serve(
        NAME,
        address,
        [orders_servicer(service)],
        settings=settings,
        database=database,
        bus=bus,
        subscriptions=subscriptions(service, settings.event_namespace),
    )
    # Before the closers `serve` set up (the database among them): nothing may use a closed database.
    running.closers[:0] = [products.close, carts.close]
    start_sweeping(running, service.sweep, settings.order_sweep_seconds, "order sweep")
    start_sampling(running, order_states_sampler(database), settings.metrics_sample_seconds)
    return running
