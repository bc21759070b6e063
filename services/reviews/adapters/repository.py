"""reviews' repositories over one SQLAlchemy session: reviews (with the ones a deletion set aside) and purchases."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.db import conflict_dialect
from services.platform.product_deletions import DeletionStep
from services.reviews.adapters.orm import purchases, reviews
from services.reviews.domain import PurchaseState, Rating, Review


def _review(row: Any) -> Review:
    return Review(row.id, row.product_id, row.author_id, row.rating, row.text, row.created_at, row.updated_at)


SHOWN = reviews.c.set_aside_by.is_(None)
COLUMNS = (reviews.c.id, reviews.c.product_id, reviews.c.author_id, reviews.c.rating, reviews.c.text,
           reviews.c.created_at, reviews.c.updated_at)  # fmt: skip


class ReviewRepository:
    """The reviews on show; those a product deletion set aside are out of every read until it is cancelled."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._dialect = conflict_dialect(session)

    async def write(self, review: Review) -> Review:
        """Stores the author's review of the product, or edits the one there is (keeping its id and creation)."""
        insert = self._dialect.insert(reviews).values(
            id=review.id,
            product_id=review.product_id,
            author_id=review.author_id,
            rating=review.rating,
            text=review.text,
            created_at=review.created_at,
            updated_at=review.updated_at,
        )
        statement = insert.on_conflict_do_update(
            index_elements=[reviews.c.product_id, reviews.c.author_id],
            set_={"rating": insert.excluded.rating, "text": insert.excluded.text, "updated_at": review.updated_at},
        ).returning(*COLUMNS)
        return _review((await self.session.execute(statement)).one())

    async def mine(self, product_id: uuid.UUID, author_id: uuid.UUID) -> Review | None:
        statement = select(*COLUMNS).where(reviews.c.product_id == product_id, reviews.c.author_id == author_id, SHOWN)
        row = (await self.session.execute(statement)).first()
        return _review(row) if row else None

    async def remove(self, product_id: uuid.UUID, author_id: uuid.UUID) -> None:
        await self.session.execute(
            delete(reviews).where(reviews.c.product_id == product_id, reviews.c.author_id == author_id)
        )

    async def page(self, product_id: uuid.UUID, before: uuid.UUID | None, limit: int) -> list[Review]:
        """Up to `limit` of the product's reviews, newest first, older than the review `before`."""
        query = select(*COLUMNS).where(reviews.c.product_id == product_id, SHOWN)
        if before is not None:
            query = query.where(reviews.c.id < before)
        rows = await self.session.execute(query.order_by(reviews.c.id.desc()).limit(limit))
        return [_review(row) for row in rows]

    async def rating(self, product_id: uuid.UUID) -> Rating:
        statement = select(func.count(), func.coalesce(func.sum(reviews.c.rating), 0)).where(
            reviews.c.product_id == product_id, SHOWN
        )
        count, total = (await self.session.execute(statement)).one()
        return Rating.of(int(count), int(total))

    async def ratings(self, product_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Rating]:
        """The rating of each product; one without reviews has none here."""
        statement = (
            select(reviews.c.product_id, func.count(), func.coalesce(func.sum(reviews.c.rating), 0))
            .where(reviews.c.product_id.in_(product_ids), SHOWN)
            .group_by(reviews.c.product_id)
        )
        return {row[0]: Rating.of(int(row[1]), int(row[2])) for row in await self.session.execute(statement)}

    async def first_pages(self, product_ids: Sequence[uuid.UUID], limit: int) -> dict[uuid.UUID, list[Review]]:
        """Up to `limit` of each product's newest reviews, in one query."""
        position = func.row_number().over(partition_by=reviews.c.product_id, order_by=reviews.c.id.desc())
        ranked = select(*COLUMNS, position.label("position")).where(reviews.c.product_id.in_(product_ids), SHOWN)
        newest = ranked.subquery()
        rows = await self.session.execute(
            select(*(newest.c[column.name] for column in COLUMNS))
            .where(newest.c.position <= limit)
            .order_by(newest.c.product_id, newest.c.id.desc())
        )
        pages: dict[uuid.UUID, list[Review]] = {}
        for row in rows:
            pages.setdefault(row.product_id, []).append(_review(row))
        return pages

    # -- the product-deletion saga (services/platform/product_deletions.py's ReferenceStore) ----------------

    async def set_aside(self, step: DeletionStep) -> None:
        await self.session.execute(
            update(reviews).where(reviews.c.product_id == step.product_id, SHOWN).values(set_aside_by=step.deletion_id)
        )

    async def restore(self, step: DeletionStep) -> None:
        await self.session.execute(
            update(reviews).where(reviews.c.set_aside_by == step.deletion_id).values(set_aside_by=None)
        )

    async def forget(self, step: DeletionStep) -> None:
        await self.session.execute(delete(reviews).where(reviews.c.product_id == step.product_id))


class PurchaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._dialect = conflict_dialect(session)

    async def record(
        self, order_id: uuid.UUID, user_id: uuid.UUID, product_ids: Sequence[uuid.UUID], state: PurchaseState
    ) -> None:
        """Records the order's lines as bought or undone. An order is never paid again once cancelled, so a
        cancellation overwrites and a payment only fills in: the outcome is the same in any delivery order."""
        if not product_ids:
            return
        insert = self._dialect.insert(purchases)
        rows = [
            {"order_id": order_id, "product_id": product_id, "user_id": user_id, "state": state.value}
            for product_id in sorted(set(product_ids))
        ]
        if state is PurchaseState.CANCELLED:
            statement = insert.on_conflict_do_update(
                index_elements=[purchases.c.order_id, purchases.c.product_id], set_={"state": insert.excluded.state}
            )
        else:
            statement = insert.on_conflict_do_nothing()
        await self.session.execute(statement, rows)

    async def has_bought(self, user_id: uuid.UUID, product_id: uuid.UUID) -> bool:
        statement = select(purchases.c.order_id).where(
            purchases.c.user_id == user_id,
            purchases.c.product_id == product_id,
            purchases.c.state == PurchaseState.PAID.value,
        )
        return (await self.session.execute(statement.limit(1))).first() is not None
