"""credit's unit of work: every lending table in one transaction."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.credit.adapters.repository import (
    ApplicationRepository,
    AssessmentRepository,
    LoanRepository,
    OfferRepository,
    ProductRepository,
    ProfileRepository,
)
from services.platform.unit_of_work import UnitOfWork


class CreditUnitOfWork(UnitOfWork):
    profiles: ProfileRepository
    products: ProductRepository
    applications: ApplicationRepository
    assessments: AssessmentRepository
    offers: OfferRepository
    loans: LoanRepository

    def bind(self, session: AsyncSession) -> None:
        self.profiles = ProfileRepository(session)
        self.products = ProductRepository(session)
        self.applications = ApplicationRepository(session)
        self.assessments = AssessmentRepository(session)
        self.offers = OfferRepository(session)
        self.loans = LoanRepository(session)
