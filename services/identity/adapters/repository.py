"""identity's repositories over one SQLAlchemy session."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.adapters.orm import refresh_tokens, users
from services.identity.domain import IssuedRefreshToken, Role, StoredRefreshToken, User, UsernameTaken, username_key


def _user(row: Any) -> User:
    return User(row.id, row.username, Role(row.role), row.password_hash, row.created_at)


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, user: User) -> None:
        try:
            async with self.session.begin_nested():
                await self.session.execute(
                    insert(users).values(
                        id=user.id,
                        username=user.username,
                        username_key=username_key(user.username),
                        role=user.role.value,
                        password_hash=user.password_hash,
                        created_at=user.created_at,
                    )
                )
        except IntegrityError:
            raise UsernameTaken(f"the username {user.username!r} is taken") from None

    async def by_username(self, username: str) -> User | None:
        row = (await self.session.execute(select(users).where(users.c.username_key == username_key(username)))).first()
        return _user(row) if row else None

    async def by_id(self, user_id: uuid.UUID) -> User | None:
        row = (await self.session.execute(select(users).where(users.c.id == user_id))).first()
        return _user(row) if row else None

    async def by_ids(self, user_ids: Sequence[uuid.UUID]) -> list[User]:
        rows = await self.session.execute(select(users).where(users.c.id.in_(user_ids)))
        return [_user(row) for row in rows]

    async def set_password_hash(self, user_id: uuid.UUID, password_hash: str) -> None:
        await self.session.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))

    async def set_role(self, user_id: uuid.UUID, role: Role) -> None:
        await self.session.execute(update(users).where(users.c.id == user_id).values(role=role.value))


class RefreshTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, token: IssuedRefreshToken, user_id: uuid.UUID) -> None:
        await self.session.execute(
            insert(refresh_tokens).values(
                token_hash=token.token_hash, family_id=token.family_id, user_id=user_id, expires_at=token.expires_at
            )
        )

    async def get(self, token_hash: str) -> StoredRefreshToken | None:
        row = (
            await self.session.execute(select(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash))
        ).first()
        if row is None:
            return None
        return StoredRefreshToken(
            row.token_hash, row.family_id, row.user_id, row.expires_at, row.used_at, row.revoked_at
        )

    async def claim(self, token_hash: str, now: datetime) -> bool:
        """Marks the token used if nobody has yet: atomic, so two concurrent refreshes cannot both win."""
        result = await self.session.execute(
            update(refresh_tokens)
            .where(
                refresh_tokens.c.token_hash == token_hash,
                refresh_tokens.c.used_at.is_(None),
                refresh_tokens.c.revoked_at.is_(None),
            )
            .values(used_at=now)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def revoke_family(self, family_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.family_id == family_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
