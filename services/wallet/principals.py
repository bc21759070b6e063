"""Who may move money in wallet: a signed-in user their own, an admin or another service the platform's."""

from __future__ import annotations

import uuid

from services.platform.context import Principal
from services.platform.errors import Unauthenticated
from services.wallet.domain import AdminRequired

SERVICE_ACTOR = uuid.UUID(int=0)
"""Whose idempotency keys a call from another service (no principal) uses."""


def user_of(principal: Principal | None) -> uuid.UUID:
    if principal is None:
        raise Unauthenticated("a wallet belongs to a signed-in user")
    return uuid.UUID(principal.user_id)


def acting_for_platform(principal: Principal | None) -> uuid.UUID:
    """Top-ups, charges and refunds: an admin, or another service (no principal). Returns the key's owner."""
    if principal is None:
        return SERVICE_ACTOR
    if not principal.is_admin:
        raise AdminRequired("only admins and services move money this way")
    return uuid.UUID(principal.user_id)
