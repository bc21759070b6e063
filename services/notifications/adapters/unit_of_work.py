"""notifications' unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.adapters.repository import NotificationRepository, PostgresNotificationRepository
from services.platform.unit_of_work import UnitOfWork


class NotificationsUnitOfWork(UnitOfWork):
    notifications: NotificationRepository

    def bind(self, session: AsyncSession) -> None:
        on_postgres = session.get_bind().dialect.name == "postgresql"
        self.notifications = (PostgresNotificationRepository if on_postgres else NotificationRepository)(session)
