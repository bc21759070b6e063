"""identity's use cases: register, log in, rotate and revoke refresh tokens, read users, make admins."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from services.identity.adapters.events import user_registered
from services.identity.adapters.keys import TokenIssuer
from services.identity.adapters.passwords import Passwords
from services.identity.adapters.unit_of_work import IdentityUnitOfWork
from services.identity.domain import (
    InvalidCredentials,
    InvalidRefreshToken,
    RefreshTokenReused,
    Role,
    User,
    UsernameTaken,
    UserNotFound,
    check_credentials_shape,
    hash_refresh_token,
    new_refresh_token,
)
from services.platform.clock import Clock, utc_now
from services.platform.ids import uuid7


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int


class IdentityService:
    def __init__(
        self,
        unit_of_work: Callable[[], IdentityUnitOfWork],
        passwords: Passwords,
        tokens: TokenIssuer,
        refresh_ttl: timedelta,
        clock: Clock = utc_now,
    ) -> None:
        self.unit_of_work = unit_of_work
        self.passwords = passwords
        self.tokens = tokens
        self.refresh_ttl = refresh_ttl
        self.clock = clock

    async def register(self, username: str, password: str, role: Role = Role.CUSTOMER) -> User:
        check_credentials_shape(username, password)
        user = User(uuid7(), username, role, await self.passwords.hash(password), self.clock())
        async with self.unit_of_work() as uow:
            await uow.users.add(user)
            await uow.outbox.add(user_registered(user))
            await uow.commit()
        return user

    async def login(self, username: str, password: str) -> TokenPair:
        async with self.unit_of_work() as uow:
            user = await uow.users.by_username(username)
        if user is None:
            await self.passwords.spend_equal_time(password)
            raise InvalidCredentials("wrong username or password")
        if not await self.passwords.verify(user.password_hash, password):
            raise InvalidCredentials("wrong username or password")
        async with self.unit_of_work() as uow:
            if self.passwords.needs_rehash(user.password_hash):
                await uow.users.set_password_hash(user.id, await self.passwords.hash(password))
            pair = await self._issue(uow, user, family_id=uuid7())
            await uow.commit()
        return pair

    async def log_in_or_register(self, username: str, password: str) -> tuple[TokenPair, User | None]:
        """Logs in, or creates the account on the username's first use; returns the user only when created."""
        async with self.unit_of_work() as uow:
            existing = await uow.users.by_username(username)
        if existing is None:
            try:
                user = await self.register(username, password)
            except UsernameTaken:  # registered concurrently: an ordinary log in from here
                return await self.login(username, password), None
            async with self.unit_of_work() as uow:
                pair = await self._issue(uow, user, family_id=uuid7())
                await uow.commit()
            return pair, user
        return await self.login(username, password), None

    async def refresh(self, refresh_token: str) -> TokenPair:
        now = self.clock()
        token_hash = hash_refresh_token(refresh_token)
        async with self.unit_of_work() as uow:
            stored = await uow.refresh_tokens.get(token_hash)
            if stored is None or stored.revoked_at is not None or now >= stored.expires_at:
                raise InvalidRefreshToken("the refresh token is unknown, expired or revoked")
            if stored.used_at is not None or not await uow.refresh_tokens.claim(token_hash, now):
                await uow.refresh_tokens.revoke_family(stored.family_id, now)
                await uow.commit()
                raise RefreshTokenReused("the refresh token was already used; its log in is revoked")
            user = await uow.users.by_id(stored.user_id)
            if user is None:
                raise InvalidRefreshToken("the refresh token's user no longer exists")
            pair = await self._issue(uow, user, family_id=stored.family_id)
            await uow.commit()
        return pair

    async def logout(self, refresh_token: str) -> None:
        async with self.unit_of_work() as uow:
            stored = await uow.refresh_tokens.get(hash_refresh_token(refresh_token))
            if stored is not None:
                await uow.refresh_tokens.revoke_family(stored.family_id, self.clock())
                await uow.commit()

    async def get_user(self, user_id: uuid.UUID) -> User:
        async with self.unit_of_work() as uow:
            user = await uow.users.by_id(user_id)
        if user is None:
            raise UserNotFound(f"no user {user_id}")
        return user

    async def users(self, user_ids: Sequence[uuid.UUID]) -> list[User]:
        """The users among `user_ids`; ids nobody has are left out."""
        async with self.unit_of_work() as uow:
            return await uow.users.by_ids(user_ids)

    async def make_admin(self, username: str, password: str) -> User:
        """Creates `username` as an admin, or promotes the existing account (its password unchanged)."""
        async with self.unit_of_work() as uow:
            existing = await uow.users.by_username(username)
            if existing is not None:
                await uow.users.set_role(existing.id, Role.ADMIN)
                await uow.commit()
                return User(existing.id, existing.username, Role.ADMIN, existing.password_hash, existing.created_at)
        return await self.register(username, password, role=Role.ADMIN)

    async def _issue(self, uow: IdentityUnitOfWork, user: User, family_id: uuid.UUID) -> TokenPair:
        now = self.clock()
        refresh = new_refresh_token(family_id, now + self.refresh_ttl)
        await uow.refresh_tokens.add(refresh, user.id)
        access = self.tokens.access_token(user.id, user.role.value, now)
        return TokenPair(access, refresh.token, int(self.tokens.ttl.total_seconds()))
