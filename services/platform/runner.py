"""Starting and stopping services: the same steps for every context, in one process or many."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from services.platform.db import Database
from services.platform.grpc_server import GrpcServer, Probe, Servicer, start_server
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
        for close in reversed(self.closers):
            await close()
        log.info("stopped %s", self.name)


async def open_database(settings: Settings, service: str, migrations: Path) -> Database:
    """The service's own database, created and migrated to head."""
    database = Database(settings.database_url_for(service))
    await database.prepare(migrations)
    return database


async def serve(
    name: str,
    address: str,
    servicers: Sequence[Servicer],
    probes: Sequence[Probe] = (),
    closers: Sequence[Closer] = (),
) -> RunningService:
    server = await start_server(address, servicers, probes)
    running = RunningService(name, server, list(closers))
    log.info("serving %s on port %d", name, server.port)
    return running


async def wait_for_shutdown_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
