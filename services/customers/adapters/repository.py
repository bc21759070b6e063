"""customers' repositories over one SQLAlchemy session: a user's cart lines and favourites."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from services.customers.adapters.orm import cart_items, favourites
from services.customers.domain import CartItem, Favourite
from services.platform.db import conflict_dialect
from services.platform.product_deletions import DeletionStep


def _lock_key(user_id: uuid.UUID) -> int:
    """A user's cart lock: the random half of the id. Two users that share it only take turns."""
    return int.from_bytes(user_id.bytes[8:], "big", signed=True)


class CartRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._dialect = conflict_dialect(session)

    async def take_turn(self, user_id: uuid.UUID) -> None:
        """Makes writes to the user's cart take turns until the transaction ends, so two products added at once
        cannot both pass the line limit. SQLite has one writer: a transaction that starts by writing waits its
        turn already."""
        if self._dialect is postgresql:
            await self.session.execute(select(func.pg_advisory_xact_lock(_lock_key(user_id))))

    async def put(self, user_id: uuid.UUID, product_id: uuid.UUID, quantity: int, now: datetime) -> None:
        """Sets the line's quantity; a product not in the cart yet joins it at `now`."""
        insert = self._dialect.insert(cart_items).values(
            user_id=user_id, product_id=product_id, quantity=quantity, added_at=now
        )
        await self.session.execute(
            insert.on_conflict_do_update(
                index_elements=[cart_items.c.user_id, cart_items.c.product_id],
                set_={"quantity": insert.excluded.quantity},
            )
        )

    async def remove(self, user_id: uuid.UUID, product_id: uuid.UUID) -> None:
        await self.session.execute(
            delete(cart_items).where(cart_items.c.user_id == user_id, cart_items.c.product_id == product_id)
        )

    async def line_count(self, user_id: uuid.UUID) -> int:
        """Every line of the user's cart, those a product deletion set aside included."""
        statement = select(func.count()).select_from(cart_items).where(cart_items.c.user_id == user_id)
        return int((await self.session.execute(statement)).scalar_one())

    async def items(self, user_id: uuid.UUID) -> list[CartItem]:
        """The user's lines in the order the products joined the cart."""
        rows = await self.session.execute(
            select(cart_items.c.product_id, cart_items.c.quantity, cart_items.c.added_at)
            .where(cart_items.c.user_id == user_id, cart_items.c.set_aside_by.is_(None))
            .order_by(cart_items.c.added_at, cart_items.c.product_id)
        )
        return [CartItem(row.product_id, row.quantity, row.added_at) for row in rows]


class FavouriteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._dialect = conflict_dialect(session)

    async def add(self, user_id: uuid.UUID, product_id: uuid.UUID, now: datetime) -> Favourite:
        """Adds the favourite at `now` unless the user has it already; returns it as stored."""
        await self.session.execute(
            self._dialect.insert(favourites)
            .values(user_id=user_id, product_id=product_id, added_at=now)
            .on_conflict_do_nothing()
        )
        added_at: datetime = (
            await self.session.execute(
                select(favourites.c.added_at).where(
                    favourites.c.user_id == user_id, favourites.c.product_id == product_id
                )
            )
        ).scalar_one()
        return Favourite(product_id, added_at)

    async def remove(self, user_id: uuid.UUID, product_id: uuid.UUID) -> None:
        await self.session.execute(
            delete(favourites).where(favourites.c.user_id == user_id, favourites.c.product_id == product_id)
        )

    async def page(self, user_id: uuid.UUID, after: uuid.UUID | None, limit: int) -> list[Favourite]:
        """Up to `limit` of the user's favourites in product id order, after the product `after`."""
        query = select(favourites.c.product_id, favourites.c.added_at).where(
            favourites.c.user_id == user_id, favourites.c.set_aside_by.is_(None)
        )
        if after is not None:
            query = query.where(favourites.c.product_id > after)
        rows = await self.session.execute(query.order_by(favourites.c.product_id).limit(limit))
        return [Favourite(row.product_id, row.added_at) for row in rows]


class ProductReferenceRepository:
    """Every user's cart lines and favourites of one product, as a product deletion moves them (its
    ReferenceStore, services/platform/product_deletions.py): hidden, then restored or dropped."""

    TABLES = (cart_items, favourites)

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def set_aside(self, step: DeletionStep) -> None:
        for table in self.TABLES:
            await self.session.execute(
                update(table)
                .where(table.c.product_id == step.product_id, table.c.set_aside_by.is_(None))
                .values(set_aside_by=step.deletion_id)
            )

    async def restore(self, step: DeletionStep) -> None:
        for table in self.TABLES:
            await self.session.execute(
                update(table).where(table.c.set_aside_by == step.deletion_id).values(set_aside_by=None)
            )

    async def forget(self, step: DeletionStep) -> None:
        for table in self.TABLES:
            await self.session.execute(delete(table).where(table.c.product_id == step.product_id))
