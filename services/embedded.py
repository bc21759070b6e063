"""The embedded platform: every service in this process on an ephemeral port, behind one gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.gateway.app import Platform, create_app
from services.platform.bus.memory import MemoryBus
from services.platform.runner import RunningService
from services.platform.settings import Settings
from services.registry import STARTERS


@asynccontextmanager
async def embedded_services(settings: Settings) -> AsyncIterator[Platform]:
    """Starts every service in-process on one in-process bus; yields settings whose addresses point at them."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    bus = MemoryBus()
    await bus.start()
    running: list[RunningService] = []
    try:
        addresses: dict[str, str] = {}
        for start in STARTERS.values():
            # A service that calls another (customers calls catalog) gets the addresses of those started before it.
            service = await start(settings.model_copy(update=addresses), "127.0.0.1:0", bus)
            running.append(service)
            addresses[f"{service.name}_address"] = service.address
        yield Platform(settings.model_copy(update=addresses), bus)
    finally:
        await bus.close()
        for service in reversed(running):
            await service.stop(settings.grpc_shutdown_grace_seconds)


def embedded_app(settings: Settings) -> FastAPI:
    return create_app(settings, start_platform=embedded_services)


def app_from_environment() -> FastAPI:
    """The uvicorn factory for `agora dev`."""
    return embedded_app(Settings())
