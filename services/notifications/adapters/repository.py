"""notifications' repository over one SQLAlchemy session; on PostgreSQL its writes go straight to asyncpg."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.adapters.orm import notifications, sequences
from services.notifications.domain import Notification
from services.platform.db import Driver, conflict_dialect, driver_connection


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

    async def take_sequences(self, counts: Mapping[uuid.UUID, int]) -> dict[uuid.UUID, int]:
        """Advances each user's sequence by their count; returns each user's new last sequence.

        The users' rows stay locked until the transaction ends, so sequences follow commit order; they are taken
        in user id order, so concurrent transactions never deadlock on them.
        """
        if not counts:
            return {}
        dialect = conflict_dialect(self.session)
        upsert = dialect.insert(sequences)
        statement = upsert.on_conflict_do_update(
            index_elements=[sequences.c.user_id],
            set_={"last_sequence": sequences.c.last_sequence + upsert.excluded.last_sequence},
        ).returning(sequences.c.user_id, sequences.c.last_sequence)
        rows = [{"user_id": user_id, "last_sequence": counts[user_id]} for user_id in sorted(counts)]
        return {row.user_id: row.last_sequence for row in await self.session.execute(statement, rows)}

    async def add(self, *added: Notification) -> None:
        if not added:
            return
        await self.session.execute(
            insert(notifications),
            [
                {
                    "id": notification.id,
                    "user_id": notification.user_id,
                    "sequence": notification.sequence,
                    "kind": notification.kind,
                    "title": notification.title,
                    "body": notification.body,
                    "data": notification.data,
                    "created_at": notification.created_at,
                    "read_at": notification.read_at,
                }
                for notification in added
            ],
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


# PostgreSQL's statements for the writes every batch of events makes, run straight on asyncpg; each does what the
# method it replaces does, in one round trip (users in id order, as there, so concurrent batches never deadlock).
TAKE_SEQUENCES = """
INSERT INTO notification_sequences (user_id, last_sequence)
SELECT user_id, count FROM unnest($1::uuid[], $2::bigint[]) AS taken(user_id, count) ORDER BY user_id
ON CONFLICT (user_id) DO UPDATE SET last_sequence = notification_sequences.last_sequence + EXCLUDED.last_sequence
RETURNING user_id, last_sequence
"""
ADD_NOTIFICATIONS = """
INSERT INTO notifications (id, user_id, sequence, kind, title, body, data, created_at, read_at)
SELECT id, user_id, sequence, kind, title, body, data::json, created_at, read_at
FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::varchar[], $5::varchar[], $6::varchar[], $7::text[],
            $8::timestamptz[], $9::timestamptz[])
    AS added(id, user_id, sequence, kind, title, body, data, created_at, read_at)
"""


class PostgresNotificationRepository(NotificationRepository):
    """The repository on PostgreSQL: a batch's sequences and notifications each one statement on asyncpg."""

    async def _driver(self) -> Driver:
        driver = await driver_connection(self.session)
        assert driver is not None, "PostgresNotificationRepository runs on PostgreSQL only"
        return driver

    async def take_sequences(self, counts: Mapping[uuid.UUID, int]) -> dict[uuid.UUID, int]:
        if not counts:
            return {}
        users = sorted(counts)
        rows = await (await self._driver()).fetch(TAKE_SEQUENCES, users, [counts[user] for user in users])
        return {row["user_id"]: row["last_sequence"] for row in rows}

    async def add(self, *added: Notification) -> None:
        if not added:
            return
        await (await self._driver()).execute(
            ADD_NOTIFICATIONS,
            [n.id for n in added], [n.user_id for n in added], [n.sequence for n in added],
            [n.kind for n in added], [n.title for n in added], [n.body for n in added],
            [json.dumps(n.data) for n in added], [n.created_at for n in added], [n.read_at for n in added],
        )  # fmt: skip
