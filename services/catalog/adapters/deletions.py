"""catalog's repository of product deletions (the saga's state) over one SQLAlchemy session."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.catalog.adapters.orm import product_deletion_confirmations, product_deletions
from services.catalog.domain import DeletionState, ProductDeletion, ProductStatus
from services.platform.db import conflict_dialect, locking_read

PENDING = DeletionState.PENDING.value


class DeletionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, deletion: ProductDeletion) -> None:
        await self.session.execute(
            insert(product_deletions).values(
                id=deletion.id,
                product_id=deletion.product_id,
                previous_status=deletion.previous_status.value,
                state=deletion.state.value,
                reason=deletion.reason,
                participants=",".join(deletion.participants),
                deadline=deletion.deadline,
                started_at=deletion.started_at,
                updated_at=deletion.updated_at,
            )
        )

    async def get(self, deletion_id: uuid.UUID) -> ProductDeletion | None:
        statement = select(product_deletions).where(product_deletions.c.id == deletion_id)
        row = (await self.session.execute(statement)).first()
        return await self._deletion(row) if row else None

    async def get_for_update(self, deletion_id: uuid.UUID) -> ProductDeletion | None:
        """The deletion, locked until the transaction ends, so two confirmations at once both count."""
        statement = locking_read(product_deletions, product_deletions.c.id == deletion_id)
        row = (await self.session.execute(statement)).first()
        return await self._deletion(row) if row else None

    async def latest(self, product_id: uuid.UUID) -> ProductDeletion | None:
        statement = (
            select(product_deletions)
            .where(product_deletions.c.product_id == product_id)
            .order_by(product_deletions.c.started_at.desc(), product_deletions.c.id.desc())
            .limit(1)
        )
        row = (await self.session.execute(statement)).first()
        return await self._deletion(row) if row else None

    async def due(self, now: datetime, limit: int) -> list[uuid.UUID]:
        """Pending deletions past their deadline, oldest deadline first."""
        statement = (
            select(product_deletions.c.id)
            .where(product_deletions.c.state == PENDING, product_deletions.c.deadline <= now)
            .order_by(product_deletions.c.deadline)
            .limit(limit)
        )
        return list((await self.session.execute(statement)).scalars())

    async def save(self, before: ProductDeletion, after: ProductDeletion) -> None:
        """Stores the deletion's new state and the confirmations it gained."""
        await self.session.execute(
            update(product_deletions)
            .where(product_deletions.c.id == after.id)
            .values(state=after.state.value, reason=after.reason, deadline=after.deadline, updated_at=after.updated_at)
        )
        gained = sorted(after.confirmed_by - before.confirmed_by)
        if gained:
            dialect = conflict_dialect(self.session)
            await self.session.execute(
                dialect.insert(product_deletion_confirmations).on_conflict_do_nothing(),
                [{"deletion_id": after.id, "participant": participant} for participant in gained],
            )

    async def _deletion(self, row: Any) -> ProductDeletion:
        confirmed = await self.session.execute(
            select(product_deletion_confirmations.c.participant).where(
                product_deletion_confirmations.c.deletion_id == row.id
            )
        )
        return ProductDeletion(
            id=row.id,
            product_id=row.product_id,
            previous_status=ProductStatus(row.previous_status),
            state=DeletionState(row.state),
            reason=row.reason,
            participants=tuple(filter(None, row.participants.split(","))),
            confirmed_by=frozenset(confirmed.scalars()),
            deadline=row.deadline,
            started_at=row.started_at,
            updated_at=row.updated_at,
        )
