"""Wires scoring: a stateless gRPC server, no database and no events (credit calls it and keeps the record)."""

from __future__ import annotations

from services.platform.bus import Bus
from services.platform.grpc_server import start_server
from services.platform.runner import RunningService
from services.platform.settings import Settings
from services.scoring.entrypoints.grpc import scoring_servicer

NAME = "scoring"


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    return RunningService(NAME, await start_server(address, [scoring_servicer()]))
