"""Calls between services are signed: each carries a short-lived token naming the calling service and, when it
acts for a user, that user and their role, signed (HS256) with the platform's service key.

A service refuses a call without a valid token (UNAUTHENTICATED, `service_unauthenticated`) and believes only
the identity the token carries: a process that reaches a service's port without holding the key can neither
call it nor claim to be a user or an admin. Health checks need no token (probes and load balancers ask them).

The key is `AGORA_SERVICE_KEY`, or else a random one kept in `<data_dir>/service.key`, made by whichever process
starts first (every process of a one-host platform shares the data directory). A token is minted once per
caller and user for half its lifetime, and verified once per process until it expires.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import jwt

from services.platform.context import Principal
from services.platform.errors import Unauthenticated
from services.platform.settings import Settings
from services.platform.verified_tokens import VerifiedTokens

CREDENTIALS_METADATA = "authorization"
ALGORITHM = "HS256"
AUDIENCE = "agora-services"
LIFETIME_SECONDS = 120
REISSUE_AFTER_SECONDS = LIFETIME_SECONDS / 2
CLOCK_SKEW_SECONDS = 30
"""How far the clocks of two hosts may disagree on a token's `iat` and `exp`."""
MIN_KEY_BYTES = 32
KEY_FILE = "service.key"


class ServiceUnauthenticated(Unauthenticated):
    code = "service_unauthenticated"


@dataclass(frozen=True, slots=True)
class CallIdentity:
    """Who a verified call comes from: the calling service, and the user it acts for (None: on its own)."""

    service: str
    principal: Principal | None


def service_key(settings: Settings) -> bytes:
    """The platform's service key: configured, or shared through the data directory."""
    if settings.service_key is not None:
        key = settings.service_key.get_secret_value().encode()
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"AGORA_SERVICE_KEY must be at least {MIN_KEY_BYTES} bytes long")
        return key
    return _shared_key(settings.data_dir / KEY_FILE)


def _shared_key(path: Path) -> bytes:
    """The key in `path`, written first if no process has: linked into place whole, so no reader sees it half."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(48))
        with contextlib.suppress(FileExistsError):  # another process was first: its key is the one
            os.link(draft, path)
        draft.unlink()
    return path.read_bytes().strip()


class CallSigner:
    """The calling side: the token for a call by `service`, on its own or for a user."""

    def __init__(self, key: bytes, service: str) -> None:
        self._key = key
        self.service = service
        self._issued: dict[tuple[str, str] | None, tuple[str, float]] = {}

    @classmethod
    def of(cls, settings: Settings, service: str) -> CallSigner:
        return cls(service_key(settings), service)

    def credentials(self, principal: Principal | None) -> str:
        """The `authorization` metadata for a call, reused for half the token's lifetime."""
        slot = None if principal is None else (principal.user_id, principal.role)
        now = time.time()
        issued = self._issued.get(slot)
        if issued is not None and now - issued[1] < REISSUE_AFTER_SECONDS:
            return issued[0]
        claims: dict[str, object] = {"sub": self.service, "aud": AUDIENCE, "iat": int(now)}
        claims["exp"] = int(now) + LIFETIME_SECONDS
        if principal is not None:
            claims["uid"], claims["role"] = principal.user_id, principal.role
        value = f"Bearer {jwt.encode(claims, self._key, algorithm=ALGORITHM)}"
        if len(self._issued) >= 10_000:  # users of one process in one minute; a crowd starts the cache afresh
            self._issued.clear()
        self._issued[slot] = (value, now)
        return value


class CallVerifier:
    """The serving side: who a call's `authorization` metadata proves it comes from."""

    def __init__(self, key: bytes) -> None:
        self._key = key
        self._verified: VerifiedTokens[CallIdentity] = VerifiedTokens()

    @classmethod
    def of(cls, settings: Settings) -> CallVerifier:
        return cls(service_key(settings))

    def verify(self, credentials: object) -> CallIdentity:
        if not isinstance(credentials, str) or not credentials.startswith("Bearer "):
            raise ServiceUnauthenticated("this service answers only the platform's own services")
        token = credentials.removeprefix("Bearer ")
        known = self._verified.get(token)
        if known is not None:
            return known
        try:
            claims = jwt.decode(
                token, self._key, algorithms=[ALGORITHM], audience=AUDIENCE, leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["sub", "aud", "iat", "exp"]},
            )  # fmt: skip
        except jwt.InvalidTokenError:
            raise ServiceUnauthenticated("the call's service credentials are not valid") from None
        identity = CallIdentity(str(claims["sub"]), _principal_in(claims))
        self._verified.put(token, identity, float(claims["exp"]))
        return identity


def _principal_in(claims: dict[str, object]) -> Principal | None:
    user_id, role = claims.get("uid"), claims.get("role")
    if isinstance(user_id, str) and isinstance(role, str):
        return Principal(user_id=user_id, role=role)
    return None
