"""notifications' repository over one SQLAlchemy session."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.adapters.orm import notifications, sequences
from services.notifications.domain import Notification


def _notification(row: Any) -> Notification:
    return Notification(
        id=row.id,
        user_id=row.user_id,
        sequence=row.sequence,
        kind=row.kind,
        title=row.title,
        body=row.body,
        created_at=row.created_at,
        data=dict(row.data),
        read_at=row.read_at,
    )


class NotificationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def next_sequence(self, user_id: uuid.UUID) -> int:
        """Takes the user's next sequence number; the row stays locked until the transaction ends."""
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        statement = (
            dialect.insert(sequences)
            .values(user_id=user_id, last_sequence=1)
            .on_conflict_do_update(
                index_elements=[sequences.c.user_id], set_={"last_sequence": sequences.c.last_sequence + 1}
            )
            .returning(sequences.c.last_sequence)
        )
        return int((await self.session.execute(statement)).scalar_one())

    async def add(self, notification: Notification) -> None:
        await self.session.execute(
            insert(notifications).values(
                id=notification.id,
                user_id=notification.user_id,
                sequence=notification.sequence,
                kind=notification.kind,
                title=notification.title,
                body=notification.body,
                data=notification.data,
                created_at=notification.created_at,
                read_at=notification.read_at,
            )
        )

    async def after(self, user_id: uuid.UUID, after_sequence: int, limit: int) -> list[Notification]:
        rows = await self.session.execute(
            select(notifications)
            .where(notifications.c.user_id == user_id, notifications.c.sequence > after_sequence)
            .order_by(notifications.c.sequence)
            .limit(limit)
        )
        return [_notification(row) for row in rows]

    async def get(self, user_id: uuid.UUID, notification_id: uuid.UUID) -> Notification | None:
        row = (
            await self.session.execute(
                select(notifications).where(notifications.c.id == notification_id, notifications.c.user_id == user_id)
            )
        ).first()
        return _notification(row) if row else None

    async def save_read(self, notification: Notification) -> None:
        await self.session.execute(
            update(notifications).where(notifications.c.id == notification.id).values(read_at=notification.read_at)
        )
