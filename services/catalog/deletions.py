"""The product-deletion saga, which catalog runs: hide the product, have every service that refers to products
set its references aside, then remove the product, or, when a participant does not confirm in time, put the
product back and have the participants restore what they set aside (services/platform/product_deletions.py).

Each step is one transaction that locks the deletion's row and writes the next messages to the outbox, so a
crash anywhere resumes from the stored state: a lost confirmation is sent again by its participant when the
request is redelivered, and the sweeper cancels a deletion nobody finishes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import timedelta

from services.catalog.adapters.cache import ProductCache
from services.catalog.adapters.events import deletion_step, product_changed, product_deleted
from services.catalog.adapters.unit_of_work import CatalogUnitOfWork
from services.catalog.domain import (
    DeletionNotFound,
    DeletionState,
    ProductDeletion,
    ProductNotFound,
    ProductStatus,
    require_admin,
)
from services.platform.clock import Clock, utc_now
from services.platform.context import Principal
from services.platform.ids import uuid7


class ProductDeletions:
    def __init__(
        self,
        unit_of_work: Callable[[], CatalogUnitOfWork],
        cache: ProductCache,
        participants: Sequence[str],
        timeout: timedelta,
        clock: Clock = utc_now,
    ) -> None:
        self.unit_of_work = unit_of_work
        self.cache = cache
        self.participants = tuple(participants)
        self.timeout = timeout
        self.clock = clock

    async def start(self, principal: Principal | None, product_id: uuid.UUID) -> ProductDeletion:
        """Hides the product and asks the participants to drop it; a deletion under way is returned as it is."""
        require_admin(principal)
        async with self.unit_of_work() as uow:
            product = await uow.products.get_for_update(product_id)
            if product is None or product.status is ProductStatus.DELETED:
                raise ProductNotFound(f"no product {product_id}")
            if product.status is ProductStatus.DELETING:
                running = await uow.deletions.latest(product_id)
                assert running is not None
                return running
            now = self.clock()
            deletion = ProductDeletion(
                id=uuid7(),
                product_id=product_id,
                previous_status=product.status,
                state=DeletionState.PENDING,
                reason="",
                participants=self.participants,
                confirmed_by=frozenset(),
                deadline=now + self.timeout,
                started_at=now,
                updated_at=now,
            )
            await uow.deletions.add(deletion)
            if deletion.waiting_for:
                hidden = replace(product, status=ProductStatus.DELETING, updated_at=now)
                await uow.products.save(hidden)
                await uow.outbox.add(deletion_step(deletion), product_changed(hidden))
            else:  # no service keeps references: nobody to ask
                deletion = await self._complete(uow, deletion)
            await uow.commit()
        self.cache.drop(product_id)
        return deletion

    async def get(self, principal: Principal | None, deletion_id: uuid.UUID) -> ProductDeletion:
        require_admin(principal)
        async with self.unit_of_work() as uow:
            deletion = await uow.deletions.get(deletion_id)
        if deletion is None:
            raise DeletionNotFound(f"no product deletion {deletion_id}")
        return deletion

    async def on_confirmed(self, deletion_id: uuid.UUID, participant: str) -> None:
        """A participant set its references aside; the last confirmation removes the product."""
        async with self.unit_of_work() as uow:
            deletion = await uow.deletions.get_for_update(deletion_id)
            if deletion is None:
                return
            confirmed = deletion.confirmed(participant, self.clock())
            if confirmed == deletion:  # repeated, late (the deletion ended) or from a service not asked
                return
            await uow.deletions.save(deletion, confirmed)
            if not confirmed.waiting_for:
                await self._complete(uow, confirmed)
            await uow.commit()
        self.cache.drop(deletion.product_id)

    async def sweep(self, limit: int = 100) -> int:
        """Cancels every deletion past its deadline; returns how many it looked at."""
        async with self.unit_of_work() as uow:
            due = await uow.deletions.due(self.clock(), limit)
        for deletion_id in due:
            async with self.unit_of_work() as uow:
                deletion = await uow.deletions.get_for_update(deletion_id)
                if deletion is None or deletion.state is not DeletionState.PENDING:
                    continue
                await self._cancel(uow, deletion)
                await uow.commit()
            self.cache.drop(deletion.product_id)
        return len(due)

    async def _complete(self, uow: CatalogUnitOfWork, deletion: ProductDeletion) -> ProductDeletion:
        """Removes the product; a product some order held stays as a record its lines point at, never shown."""
        now = self.clock()
        completed = deletion.ended(DeletionState.COMPLETED, now)
        if await uow.holds.refer_to(deletion.product_id):
            product = await uow.products.get_for_update(deletion.product_id)
            assert product is not None
            await uow.products.save(replace(product, status=ProductStatus.DELETED, updated_at=now))
        else:
            await uow.products.remove(deletion.product_id)
        await uow.deletions.save(deletion, completed)
        await uow.outbox.add(deletion_step(completed), product_deleted(deletion.product_id))
        return completed

    async def _cancel(self, uow: CatalogUnitOfWork, deletion: ProductDeletion) -> None:
        now = self.clock()
        missing = ", ".join(deletion.waiting_for)
        cancelled = deletion.ended(DeletionState.CANCELLED, now, f"no confirmation from {missing} in time")
        product = await uow.products.get_for_update(deletion.product_id)
        assert product is not None
        restored = replace(product, status=deletion.previous_status, updated_at=now)
        await uow.products.save(restored)
        await uow.deletions.save(deletion, cancelled)
        await uow.outbox.add(deletion_step(cancelled), product_changed(restored))
