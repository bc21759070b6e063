"""Starting and stopping services: the same steps for every context, in one process or many."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from services.platform.bus import Bus, Subscription, start_consuming
from services.platform.db import Database
from services.platform.grpc_server import GrpcServer, Servicer, start_server
from services.platform.metrics import Sample, sample_forever
from services.platform.observed import observed, store_sampler
from services.platform.outbox import OutboxRelay
from services.platform.service_auth import CallVerifier
from services.platform.settings import Settings

log = logging.getLogger(__name__)

Closer = Callable[[], Awaitable[None]]


@dataclass
class RunningService:
    name: str
    server: GrpcServer
    closers: list[Closer] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server.port}"

    async def stop(self, grace: float) -> None:
        await self.server.stop(grace)
        for close in self.closers:  # in order: what uses the database goes before it
            await close()
        log.info("stopped %s", self.name)


async def open_database(settings: Settings, service: str, migrations: Path) -> Database:
    """The service's own database, created and migrated to head."""
    database = Database(settings.database_url_for(service), settings.database_pool_size)
    await database.prepare(migrations)
    return database


async def serve(
    name: str,
    address: str,
    servicers: Sequence[Servicer],
    *,
    settings: Settings,
    database: Database,
    bus: Bus,
    subscriptions: Sequence[Subscription] = (),
) -> RunningService:
    """Starts the service's outbox relay, its event consumers and its gRPC server.

    Stop the bus's consumers before the returned service, so no handler outlives the database.
    """
    relay = OutboxRelay(database, bus, service=name)
    relay.start()
    observed_subscriptions = [observed(subscription) for subscription in subscriptions]
    waiting = await start_consuming(
        bus, [partial(bus.subscribe, subscription) for subscription in observed_subscriptions]
    )
    # Healthy means able to serve: the database is required; the broker is not (the outbox waits for it).
    server = await start_server(
        address, servicers, CallVerifier.of(settings), probes=[database.ping], reflection_on=settings.grpc_reflection
    )
    log.info("serving %s on port %d", name, server.port)
    closers: list[Closer] = [relay.stop, database.close]
    if waiting is not None:
        closers.insert(0, partial(cancel, waiting))
    running = RunningService(name, server, closers=closers)
    queues = [subscription.queue for subscription in subscriptions]
    start_sampling(running, store_sampler(name, database, bus, queues), settings.metrics_sample_seconds)
    return running


async def sweep_forever(sweep: Callable[[], Awaitable[int]], interval: float, what: str) -> None:
    """Runs a sweep (of deadlines passed, say) until it finds nothing, then again every `interval` seconds."""
    while True:
        try:
            while await sweep() > 0:
                pass
        except Exception as error:  # the database is away: try again next time
            log.warning("%s failed: %r", what, error)
        await asyncio.sleep(interval)


def start_sweeping(running: RunningService, sweep: Callable[[], Awaitable[int]], interval: float, what: str) -> None:
    """Sweeps for as long as the service runs; stopped before the closers `serve` set up (the database)."""
    run_while_serving(running, sweep_forever(sweep, interval, what), what)


def start_sampling(running: RunningService, sample: Sample, interval: float) -> None:
    """Samples gauges for as long as the service runs (0: never)."""
    if interval > 0:
        run_while_serving(running, sample_forever(sample, interval), f"{running.name} metrics")


def run_while_serving(running: RunningService, work: Coroutine[Any, Any, None], name: str) -> None:
    """Runs `work` until the service stops, ending it before the closers `serve` set up (the database)."""
    task = asyncio.create_task(work, name=name)
    running.closers.insert(0, partial(cancel, task))


async def cancel(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def wait_for_shutdown_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
