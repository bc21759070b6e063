"""Wires scoring: a stateless gRPC server, no database and no events (credit calls it and keeps the record)."""

from __future__ import annotations

from services.platform.bus import Bus
from services.platform.grpc_server import start_server
from services.platform.runner import RunningService
from services.platform.service_auth import CallVerifier
from services.platform.settings import Settings
from services.scoring.entrypoints.grpc import scoring_servicer

NAME = "scoring"


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    server = await start_server(
        address, [scoring_servicer()], CallVerifier.of(settings), reflection_on=settings.grpc_reflection
    )
    return RunningService(NAME, server)
