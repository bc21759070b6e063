"""Accounts and refresh-token families: the rules, without I/O."""

from __future__ import annotations

import enum
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from services.platform.errors import AlreadyExists, InvalidArgument, NotFound, Unauthenticated


class Role(enum.StrEnum):
    CUSTOMER = "customer"
    ADMIN = "admin"


class UsernameTaken(AlreadyExists):
    code = "username_taken"


class InvalidCredentials(Unauthenticated):
    code = "invalid_credentials"


class InvalidRefreshToken(Unauthenticated):
    code = "invalid_refresh_token"


class RefreshTokenReused(Unauthenticated):
    """A rotated refresh token came back: someone holds a copy, so its whole family is revoked."""

    code = "refresh_token_reused"


class UserNotFound(NotFound):
    code = "user_not_found"


USERNAME_ALPHABET = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")


def check_credentials_shape(username: str, password: str) -> None:
    """The same limits as the REST contract, for callers that reach gRPC directly."""
    if not 3 <= len(username) <= 32 or not set(username) <= USERNAME_ALPHABET:
        raise InvalidArgument("username must be 3-32 letters, digits, '_', '.' or '-'")
    if not 8 <= len(password) <= 128 or "\x00" in password:
        raise InvalidArgument("password must be 8-128 characters")


def username_key(username: str) -> str:
    """Usernames are unique regardless of case."""
    return username.lower()


@dataclass(frozen=True)
class User:
    id: uuid.UUID
    username: str
    role: Role
    password_hash: str
    created_at: datetime


@dataclass(frozen=True)
class IssuedRefreshToken:
    """A refresh token as given to the client; only its hash is stored."""

    token: str
    token_hash: str
    family_id: uuid.UUID
    expires_at: datetime


@dataclass(frozen=True)
class StoredRefreshToken:
    token_hash: str
    family_id: uuid.UUID
    user_id: uuid.UUID
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None

    def usable_at(self, now: datetime) -> bool:
        return self.used_at is None and self.revoked_at is None and now < self.expires_at


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_refresh_token(family_id: uuid.UUID, expires_at: datetime) -> IssuedRefreshToken:
    token = secrets.token_urlsafe(48)
    return IssuedRefreshToken(token, hash_refresh_token(token), family_id, expires_at)
