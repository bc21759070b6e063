"""The gateway's connections: one gRPC channel per service and the key-value store, opened at start-up."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import grpc

from agora.catalog.v1.catalog_pb2_grpc import CatalogServiceStub
from agora.identity.v1.identity_pb2_grpc import IdentityServiceStub
from agora.notifications.v1.notifications_pb2_grpc import NotificationsServiceStub
from services.platform.cache import KeyValue, open_key_value
from services.platform.grpc_client import is_serving, open_channel
from services.platform.settings import SERVICES, Settings

if TYPE_CHECKING:
    from agora.catalog.v1.catalog_pb2_grpc import CatalogServiceAsyncStub
    from agora.identity.v1.identity_pb2_grpc import IdentityServiceAsyncStub
    from agora.notifications.v1.notifications_pb2_grpc import NotificationsServiceAsyncStub


class Connections:
    identity: IdentityServiceAsyncStub
    catalog: CatalogServiceAsyncStub
    notifications: NotificationsServiceAsyncStub
    store: KeyValue

    def __init__(self, settings: Settings) -> None:
        self._channels: dict[str, grpc.aio.Channel] = {}
        self.store = open_key_value(settings.redis_url)

    async def open(self, settings: Settings) -> None:
        """grpc.aio channels belong to the running loop, so they are opened here, not at import."""
        self._channels = {name: open_channel(settings.address_of(name)) for name in SERVICES}
        self.identity = IdentityServiceStub(self._channels["identity"])
        self.catalog = CatalogServiceStub(self._channels["catalog"])
        self.notifications = NotificationsServiceStub(self._channels["notifications"])

    async def close(self) -> None:
        for channel in self._channels.values():
            await channel.close()
        await self.store.close()

    async def readiness(self, timeout: float = 2.0) -> dict[str, bool]:
        names = list(self._channels)
        results = await asyncio.gather(*(is_serving(self._channels[n], timeout) for n in names), self._store_ok())
        return dict(zip([*names, "store"], results, strict=True))

    async def _store_ok(self) -> bool:
        try:
            await self.store.ping()
        except Exception:
            return False
        return True
