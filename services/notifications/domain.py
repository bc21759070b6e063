"""Notifications and the events that become them, without I/O."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime

from services.platform.errors import NotFound


class NotificationNotFound(NotFound):
    code = "notification_not_found"


@dataclass(frozen=True)
class Notification:
    id: uuid.UUID
    user_id: uuid.UUID
    # Per user: 1, 2, 3, ... in commit order, so "everything after N" misses nothing.
    sequence: int
    kind: str
    title: str
    body: str
    created_at: datetime
    data: dict[str, str] = field(default_factory=dict)
    read_at: datetime | None = None

    def read(self, now: datetime) -> Notification:
        return self if self.read_at is not None else replace(self, read_at=now)


@dataclass(frozen=True)
class Draft:
    """A notification before it has an id and a place in its user's sequence."""

    user_id: uuid.UUID
    kind: str
    title: str
    body: str
    data: dict[str, str] = field(default_factory=dict)


def welcome(user_id: uuid.UUID, username: str) -> Draft:
    return Draft(
        user_id=user_id,
        kind="welcome",
        title=f"Welcome to Agora, {username}!",
        body="Your account is ready.",
        data={"username": username},
    )


def coins_received(user_id: uuid.UUID, sender: str, amount: int, currency: str, transaction_id: str) -> Draft:
    return Draft(
        user_id=user_id,
        kind="transfer_received",
        title=f"{sender} sent you {amount} {currency}",
        body="The money is in your wallet.",
        data={"from": sender, "amount": str(amount), "currency": currency, "transaction_id": transaction_id},
    )


def order_status(user_id: uuid.UUID, order_id: str, status: str, reason: str) -> Draft:
    return Draft(
        user_id=user_id,
        kind="order_status",
        title=f"Order {order_id[-8:]} is {status.lower().replace('_', ' ')}",
        body=reason,
        data={"order_id": order_id, "status": status, "reason": reason},
    )
