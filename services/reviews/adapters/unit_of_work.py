"""reviews' unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.product_deletions import DeletionLedger
from services.platform.unit_of_work import UnitOfWork
from services.reviews.adapters.repository import PurchaseRepository, ReviewRepository


class ReviewsUnitOfWork(UnitOfWork):
    reviews: ReviewRepository
    purchases: PurchaseRepository
    deletions: DeletionLedger

    def bind(self, session: AsyncSession) -> None:
        self.reviews = ReviewRepository(session)
        self.purchases = PurchaseRepository(session)
        self.deletions = DeletionLedger(session)

    @property
    def references(self) -> ReviewRepository:
        """What a product deletion sets aside here: the product's reviews."""
        return self.reviews
