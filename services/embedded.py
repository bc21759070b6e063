"""The embedded platform: every service in this process on an ephemeral port, behind one gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.gateway.app import Platform, create_app, platform_hosting
from services.platform.bus.memory import MemoryBus
from services.platform.settings import SERVICES, Settings
from services.platform.tracing import configure_tracing


@asynccontextmanager
async def embedded_services(settings: Settings) -> AsyncIterator[Platform]:
    """Starts every service in-process on one in-process bus; yields settings whose addresses point at them."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    bus = MemoryBus()
    await bus.start()
    async with platform_hosting(SERVICES, settings, bus) as platform:
        yield platform


def embedded_app(settings: Settings) -> FastAPI:
    configure_tracing(settings, "agora")  # every service's spans come from this one process
    return create_app(settings, start_platform=embedded_services)


def app_from_environment() -> FastAPI:
    """The uvicorn factory for `agora dev`."""
    return embedded_app(Settings())
