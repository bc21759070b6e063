"""Every gRPC service by name, with the function that starts it and the migrations of its database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from contextlib import asynccontextmanager
from pathlib import Path

from services.catalog import service as catalog
from services.credit import service as credit
from services.customers import service as customers
from services.identity import service as identity
from services.notifications import service as notifications
from services.orders import service as orders
from services.platform.bus import Bus
from services.platform.runner import RunningService
from services.platform.settings import Settings
from services.reviews import service as reviews
from services.scoring import service as scoring
from services.wallet import service as wallet

Starter = Callable[[Settings, str, Bus], Awaitable[RunningService]]

STARTERS: dict[str, Starter] = {
    identity.NAME: identity.start,
    catalog.NAME: catalog.start,
    customers.NAME: customers.start,
    notifications.NAME: notifications.start,
    wallet.NAME: wallet.start,
    orders.NAME: orders.start,
    reviews.NAME: reviews.start,
    scoring.NAME: scoring.start,
    credit.NAME: credit.start,  # after scoring, whose address it needs when embedded
}

MIGRATIONS: dict[str, Path] = {
    identity.NAME: identity.MIGRATIONS,
    catalog.NAME: catalog.MIGRATIONS,
    customers.NAME: customers.MIGRATIONS,
    notifications.NAME: notifications.MIGRATIONS,
    wallet.NAME: wallet.MIGRATIONS,
    orders.NAME: orders.MIGRATIONS,
    reviews.NAME: reviews.MIGRATIONS,
    credit.NAME: credit.MIGRATIONS,
}
"""Every service that keeps a database, with its alembic migrations (scoring keeps none)."""


@asynccontextmanager
async def running_services(
    names: Collection[str], settings: Settings, bus: Bus
) -> AsyncIterator[dict[str, RunningService]]:
    """Starts the named services in this process on `bus`, each on an ephemeral 127.0.0.1 port.

    They start in STARTERS order, each told the addresses of those started before it (customers calls catalog).
    On the way out the bus closes first, so no consumer outlives its service, then the services stop in reverse.
    """
    running: dict[str, RunningService] = {}
    try:
        addresses: dict[str, str] = {}
        for name, start in STARTERS.items():
            if name in names:
                running[name] = await start(settings.model_copy(update=addresses), "127.0.0.1:0", bus)
                addresses[f"{name}_address"] = running[name].address
        yield running
    finally:
        await bus.close()
        for service in reversed(running.values()):
            await service.stop(settings.grpc_shutdown_grace_seconds)
