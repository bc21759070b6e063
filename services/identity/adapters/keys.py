"""The Ed25519 key set that signs access tokens: `<kid>.pem` files, the newest (or the configured one) signs."""

from __future__ import annotations

import base64
import os
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "EdDSA"
_KID_TIME = "%Y%m%dT%H%M%S"  # kids are `<UTC time to the second>-<random>`


@dataclass(frozen=True)
class PublicJwk:
    kid: str
    x: str

    def as_dict(self) -> dict[str, str]:
        return {"kid": self.kid, "kty": "OKP", "crv": "Ed25519", "x": self.x, "alg": ALGORITHM, "use": "sig"}


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def public_jwk(kid: str, key: Ed25519PublicKey) -> PublicJwk:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PublicJwk(kid, _b64url(raw))


class KeySet:
    def __init__(self, keys: dict[str, Ed25519PrivateKey], active_kid: str) -> None:
        if active_kid not in keys:
            raise ValueError(f"no signing key with kid {active_kid!r}")
        self._keys = keys
        self.active_kid = active_kid

    @classmethod
    def load(cls, directory: Path, active_kid: str | None = None) -> KeySet:
        """Loads every key in `directory`, creating the first one if there is none."""
        directory.mkdir(parents=True, exist_ok=True)
        if not any(directory.glob("*.pem")):
            write_new_key(directory)
        keys = {}
        for path in sorted(directory.glob("*.pem")):
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError(f"{path} is not an Ed25519 private key")
            keys[path.stem] = key
        return cls(keys, active_kid or max(keys))

    def jwks(self) -> list[PublicJwk]:
        return [public_jwk(kid, key.public_key()) for kid, key in sorted(self._keys.items())]

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self._keys[self.active_kid], algorithm=ALGORITHM, headers={"kid": self.active_kid})


def write_new_key(directory: Path) -> str:
    """Writes a new key, its kid sorting after every kid made here before (the newest signs); returns the kid."""
    kid = _kid_after(max((path.stem for path in directory.glob("*.pem")), default=""), datetime.now(UTC))
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # Several processes may start at once: only one may create the first key.
    fd = os.open(directory / f"{kid}.pem", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return kid


def _kid_after(newest: str, now: datetime) -> str:
    """A kid of `now`, or of a second after `newest` when that is as late (a rotation within the second)."""
    try:
        newest_time = datetime.strptime(newest.partition("-")[0], _KID_TIME).replace(tzinfo=UTC)
    except ValueError:  # no keys yet, or a key named otherwise
        newest_time = now - timedelta(seconds=1)
    return f"{max(now, newest_time + timedelta(seconds=1)):{_KID_TIME}}-{secrets.token_hex(4)}"


@dataclass(frozen=True)
class TokenIssuer:
    """Mints access tokens for users; what the gateway verifies."""

    keys: KeySet
    issuer: str
    audience: str
    ttl: timedelta

    def access_token(self, user_id: uuid.UUID, role: str, now: datetime) -> str:
        return self.keys.sign(
            {
                "iss": self.issuer,
                "aud": self.audience,
                "sub": str(user_id),
                "role": role,
                "iat": int(now.timestamp()),
                "exp": int((now + self.ttl).timestamp()),
                "jti": secrets.token_hex(8),
            }
        )
