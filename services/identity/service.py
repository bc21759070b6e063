"""Wires identity together: its database, keys, password hasher, use cases and gRPC server."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from services.identity.adapters.keys import KeySet, TokenIssuer
from services.identity.adapters.passwords import Passwords
from services.identity.adapters.unit_of_work import IdentityUnitOfWork
from services.identity.entrypoints.grpc import identity_servicer
from services.identity.service_layer import IdentityService
from services.platform.bus import Bus
from services.platform.db import Database
from services.platform.runner import RunningService, open_database, serve
from services.platform.settings import Settings

NAME = "identity"
MIGRATIONS = Path(__file__).parent / "migrations"


async def open_identity(settings: Settings) -> tuple[IdentityService, KeySet, Database]:
    database = await open_database(settings, NAME, MIGRATIONS)
    keys = KeySet.load(settings.keys_dir, settings.jwt_active_kid)
    issuer = TokenIssuer(
        keys, settings.jwt_issuer, settings.jwt_audience, timedelta(seconds=settings.access_token_ttl_seconds)
    )
    service = IdentityService(
        lambda: IdentityUnitOfWork(database),
        Passwords(settings.password_hashing_concurrency),
        issuer,
        refresh_ttl=timedelta(seconds=settings.refresh_token_ttl_seconds),
    )
    return service, keys, database


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    service, keys, database = await open_identity(settings)
    return await serve(NAME, address, [identity_servicer(service, keys)], settings=settings, database=database, bus=bus)
