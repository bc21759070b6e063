"""wallet's event consumer: a registered user gets their accounts and welcome grant (if no call opened them)."""

from __future__ import annotations

import uuid

from agora.events.v1.identity_pb2 import UserRegistered
from services.platform.bus import Message, Subscription
from services.platform.events import unwrap
from services.wallet.service_layer import WalletService


def subscriptions(service: WalletService, namespace: str) -> list[Subscription]:
    async def on_user_registered(message: Message) -> None:
        payload = unwrap(message.body).payload
        assert isinstance(payload, UserRegistered)
        # Opening is idempotent by itself (one grant per user), so no handled-events record is needed.
        await service.open_accounts(uuid.UUID(payload.user_id), payload.username)

    return [
        Subscription(
            queue=f"{namespace}.wallet.user-events",
            routing_keys=["identity.user_registered"],
            handler=on_user_registered,
        )
    ]
