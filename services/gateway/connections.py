"""The gateway's connections: one gRPC channel per service and the key-value store, opened at start-up."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import grpc

from agora.catalog.v1.catalog_pb2_grpc import CatalogServiceStub
from agora.credit.v1.credit_pb2_grpc import CreditServiceStub
from agora.customers.v1.customers_pb2_grpc import CustomersServiceStub
from agora.identity.v1.identity_pb2_grpc import IdentityServiceStub
from agora.notifications.v1.notifications_pb2_grpc import NotificationsServiceStub
from agora.orders.v1.orders_pb2_grpc import OrdersServiceStub
from agora.reviews.v1.reviews_pb2_grpc import ReviewsServiceStub
from agora.wallet.v1.wallet_pb2_grpc import WalletServiceStub
from services.platform.bus import Bus
from services.platform.cache import KeyValue, open_key_value
from services.platform.grpc_client import is_serving, open_channel
from services.platform.local_calls import Behaviour, LocalChannel
from services.platform.settings import SERVICES, Settings

if TYPE_CHECKING:
    from agora.catalog.v1.catalog_pb2_grpc import CatalogServiceAsyncStub
    from agora.credit.v1.credit_pb2_grpc import CreditServiceAsyncStub
    from agora.customers.v1.customers_pb2_grpc import CustomersServiceAsyncStub
    from agora.identity.v1.identity_pb2_grpc import IdentityServiceAsyncStub
    from agora.notifications.v1.notifications_pb2_grpc import NotificationsServiceAsyncStub
    from agora.orders.v1.orders_pb2_grpc import OrdersServiceAsyncStub
    from agora.reviews.v1.reviews_pb2_grpc import ReviewsServiceAsyncStub
    from agora.wallet.v1.wallet_pb2_grpc import WalletServiceAsyncStub


class Connections:
    identity: IdentityServiceAsyncStub
    catalog: CatalogServiceAsyncStub
    customers: CustomersServiceAsyncStub
    notifications: NotificationsServiceAsyncStub
    orders: OrdersServiceAsyncStub
    reviews: ReviewsServiceAsyncStub
    wallet: WalletServiceAsyncStub
    credit: CreditServiceAsyncStub
    bus: Bus
    store: KeyValue

    def __init__(self, settings: Settings) -> None:
        self._channels: dict[str, grpc.aio.Channel] = {}
        self.store = open_key_value(settings.redis_url)

    async def open(self, settings: Settings, bus: Bus, in_process: dict[str, dict[str, Behaviour]]) -> None:
        """grpc.aio channels belong to the running loop, so they are opened here, not at import.

        The stubs of the services in `in_process` call their handlers in this process; readiness still asks
        every service's health over gRPC.
        """
        self.bus = bus
        self._channels = {name: open_channel(settings.address_of(name)) for name in SERVICES}
        calls: dict[str, Any] = {name: LocalChannel(methods) for name, methods in in_process.items()}
        for name, channel in self._channels.items():
            calls.setdefault(name, channel)
        self.identity = IdentityServiceStub(calls["identity"])
        self.catalog = CatalogServiceStub(calls["catalog"])
        self.customers = CustomersServiceStub(calls["customers"])
        self.notifications = NotificationsServiceStub(calls["notifications"])
        self.orders = OrdersServiceStub(calls["orders"])
        self.reviews = ReviewsServiceStub(calls["reviews"])
        self.wallet = WalletServiceStub(calls["wallet"])
        self.credit = CreditServiceStub(calls["credit"])

    async def close(self) -> None:
        for channel in self._channels.values():
            await channel.close()
        await self.store.close()

    async def readiness(self, timeout: float = 2.0) -> dict[str, bool]:
        names = list(self._channels)
        results = await asyncio.gather(
            *(is_serving(self._channels[n], timeout) for n in names), answers(self.store.ping), answers(self.bus.ping)
        )
        return dict(zip([*names, "store", "bus"], results, strict=True))


async def answers(ping: Callable[[], Awaitable[None]]) -> bool:
    try:
        await ping()
    except Exception:
        return False
    return True
