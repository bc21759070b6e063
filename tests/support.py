"""Small helpers shared by several test modules."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from fastapi import Request

from services.identity.adapters.keys import KeySet, TokenIssuer
from services.platform.settings import Settings


def fake_request(body: bytes, path: str = "/v1/products", method: str = "POST") -> Request:
    """A Starlette request with a body, for code that reads requests without a running app."""

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {"type": "http", "method": method, "path": path, "query_string": b"", "headers": []}
    return Request(scope, receive)


def mint_access_token(settings: Settings, user_id: uuid.UUID, role: str) -> str:
    """An access token signed with the platform's own key set, as identity would issue it."""
    issuer = TokenIssuer(KeySet.load(settings.keys_dir), settings.jwt_issuer, settings.jwt_audience, timedelta(hours=1))
    return issuer.access_token(user_id, role, datetime.now(UTC))
