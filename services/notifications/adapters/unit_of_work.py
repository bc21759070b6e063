"""notifications' unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.adapters.repository import NotificationRepository
from services.platform.unit_of_work import UnitOfWork


class NotificationsUnitOfWork(UnitOfWork):
    notifications: NotificationRepository

    def bind(self, session: AsyncSession) -> None:
        self.notifications = NotificationRepository(session)
