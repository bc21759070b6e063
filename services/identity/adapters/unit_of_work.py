"""identity's unit of work: users and refresh tokens in one transaction."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.adapters.repository import RefreshTokenRepository, UserRepository
from services.platform.unit_of_work import UnitOfWork


class IdentityUnitOfWork(UnitOfWork):
    users: UserRepository
    refresh_tokens: RefreshTokenRepository

    def bind(self, session: AsyncSession) -> None:
        self.users = UserRepository(session)
        self.refresh_tokens = RefreshTokenRepository(session)
