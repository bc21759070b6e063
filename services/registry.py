"""Every gRPC service by name, with the function that starts it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

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
