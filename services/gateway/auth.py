"""Verifies access tokens locally with identity's public keys (fetched over gRPC, refreshed on a new kid).

A token is verified once, then trusted until its `exp` from a bounded cache of the tokens this process verified
(keyed by the whole token, so a changed byte is a different token, verified afresh): EdDSA verification is the
largest cost of an authenticated request otherwise.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import jwt
from fastapi import Request

from services.platform.context import Principal
from services.platform.rest import ProblemError
from services.platform.verified_tokens import VerifiedTokens

ALGORITHM = "EdDSA"
ROLES = {"customer", "admin"}
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub"]

FetchJwks = Callable[[], Awaitable[list[dict[str, str]]]]


@dataclass(frozen=True, slots=True)
class VerifiedToken:
    principal: Principal
    expires_at: float


def unauthorized(code: str, detail: str) -> ProblemError:
    return ProblemError(
        401, code, detail, headers={"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{detail}"'}
    )


class TokenVerifier:
    def __init__(
        self,
        fetch_jwks: FetchJwks,
        issuer: str,
        audience: str,
        min_refresh_seconds: float = 10.0,
        verified: VerifiedTokens[VerifiedToken] | None = None,
    ) -> None:
        self._fetch_jwks = fetch_jwks
        self._issuer = issuer
        self._audience = audience
        self._min_refresh_seconds = min_refresh_seconds
        self._jwks: list[dict[str, str]] = []
        self._keys: dict[str, Any] = {}
        self._refreshed_at = float("-inf")
        self._refresh_lock = asyncio.Lock()
        self._verified: VerifiedTokens[VerifiedToken] = verified if verified is not None else VerifiedTokens()

    async def jwks(self) -> list[dict[str, str]]:
        if not self._jwks:
            await self._refresh()
        return self._jwks

    async def authenticate(self, request: Request) -> Principal:
        return await self.from_header(request.headers.get("authorization", ""))

    async def from_header(self, authorization: str) -> Principal:
        """The caller an `Authorization: Bearer <token>` value proves (REST requests, GraphQL's connection_init)."""
        return await self.verify(bearer_token(authorization))

    async def verify(self, token: str) -> Principal:
        return (await self.verified(token)).principal

    async def verified(self, token: str) -> VerifiedToken:
        """The token's principal and expiry (a WebSocket is closed when the token it opened with expires)."""
        known = self._verified.get(token)
        if known is not None:
            return known
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError:
            raise unauthorized("invalid_token", "the access token is malformed") from None
        if header.get("alg") != ALGORITHM:
            raise unauthorized("invalid_token", "the access token is not signed with EdDSA")
        key = await self._key(header.get("kid"))
        try:
            claims = jwt.decode(
                token, key, algorithms=[ALGORITHM], audience=self._audience, issuer=self._issuer,
                options={"require": REQUIRED_CLAIMS},
            )  # fmt: skip
        except jwt.ExpiredSignatureError:
            raise unauthorized("token_expired", "the access token has expired") from None
        except jwt.InvalidTokenError:
            raise unauthorized("invalid_token", "the access token is not valid") from None
        verified = VerifiedToken(principal_from(claims), float(claims["exp"]))
        self._verified.put(token, verified, verified.expires_at)
        return verified

    async def _key(self, kid: object) -> Any:
        if not isinstance(kid, str) or not kid:
            raise unauthorized("invalid_token", "the access token names no signing key")
        if kid not in self._keys and time.monotonic() - self._refreshed_at >= self._min_refresh_seconds:
            await self._refresh()
        if kid not in self._keys:
            raise unauthorized("invalid_token", "the access token's signing key is unknown")
        return self._keys[kid]

    async def _refresh(self) -> None:
        async with self._refresh_lock:
            jwks = await self._fetch_jwks()
            self._keys = {jwk["kid"]: jwt.PyJWK(jwk).key for jwk in jwks}
            self._jwks = jwks
            self._refreshed_at = time.monotonic()


def bearer_token(authorization: str) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ProblemError(401, "missing_token", "send an access token as `Authorization: Bearer <token>`",
                           headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
    return token.strip()


def principal_from(claims: dict[str, Any]) -> Principal:
    subject, role = claims.get("sub"), claims.get("role")
    try:
        uuid.UUID(str(subject))
    except ValueError:
        raise unauthorized("invalid_token", "the access token's subject is not a user id") from None
    if role not in ROLES:
        raise unauthorized("invalid_token", "the access token carries no known role")
    return Principal(user_id=str(subject), role=str(role))
