"""credit's repositories over one SQLAlchemy session."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.credit.adapters.orm import applications, assessments, loans, offers, payments, products, profiles
from services.credit.domain import (
    Application,
    ApplicationStatus,
    Assessment,
    Loan,
    LoanStatus,
    Offer,
    OfferStatus,
    Payment,
    PaymentStatus,
    Profile,
)
from services.platform.db import conflict_dialect, locking_read
from services.platform.money import Money
from services.scoring.rules import EmploymentStatus, Product, Purpose


def _profile(row: Any) -> Profile:
    return Profile(
        row.user_id,
        Money(row.annual_income, row.currency),
        Money(row.monthly_debt, row.currency),
        EmploymentStatus(row.employment),
        row.birth_date,
        row.updated_at,
    )


class ProfileRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: uuid.UUID) -> Profile | None:
        row = (await self.session.execute(select(profiles).where(profiles.c.user_id == user_id))).first()
        return _profile(row) if row else None

    async def put(self, profile: Profile) -> None:
        values = {
            "currency": profile.annual_income.currency,
            "annual_income": profile.annual_income.amount,
            "monthly_debt": profile.monthly_debt.amount,
            "employment": profile.employment.value,
            "birth_date": profile.birth_date,
            "updated_at": profile.updated_at,
        }
        statement = conflict_dialect(self.session).insert(profiles).values(user_id=profile.user_id, **values)
        await self.session.execute(statement.on_conflict_do_update(index_elements=[profiles.c.user_id], set_=values))


def _product(row: Any) -> Product:
    return Product(
        id=str(row.id),
        code=row.code,
        version=row.version,
        purpose=Purpose(row.purpose),
        min_amount=Money(row.min_amount, row.currency),
        max_amount=Money(row.max_amount, row.currency),
        min_term_months=row.min_term_months,
        max_term_months=row.max_term_months,
        rate_min_hundredths=row.rate_min_hundredths,
        rate_max_hundredths=row.rate_max_hundredths,
        active=row.active,
    )


def _product_values(product: Product) -> dict[str, Any]:
    return {
        "code": product.code,
        "version": product.version,
        "purpose": product.purpose.value,
        "currency": product.min_amount.currency,
        "min_amount": product.min_amount.amount,
        "max_amount": product.max_amount.amount,
        "min_term_months": product.min_term_months,
        "max_term_months": product.max_term_months,
        "rate_min_hundredths": product.rate_min_hundredths,
        "rate_max_hundredths": product.rate_max_hundredths,
        "active": product.active,
    }


SHELVED = products.c.deleted.is_(False)


class ProductRepository:
    """Credit products; a deleted one is out of every read."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def code_taken(self, code: str, version: int, but: uuid.UUID | None = None) -> bool:
        statement = select(products.c.id).where(products.c.code == code, products.c.version == version)
        if but is not None:
            statement = statement.where(products.c.id != but)
        return (await self.session.execute(statement)).first() is not None

    async def add(self, product: Product) -> None:
        await self.session.execute(
            insert(products).values(id=uuid.UUID(product.id), deleted=False, **_product_values(product))
        )

    async def replace(self, product: Product) -> None:
        statement = update(products).where(products.c.id == uuid.UUID(product.id), SHELVED)
        await self.session.execute(statement.values(**_product_values(product)))

    async def delete(self, product_id: uuid.UUID) -> bool:
        statement = update(products).where(products.c.id == product_id, SHELVED).values(deleted=True, active=False)
        return bool((await self.session.execute(statement)).rowcount)  # type: ignore[attr-defined]

    async def get(self, product_id: uuid.UUID) -> Product | None:
        row = (await self.session.execute(select(products).where(products.c.id == product_id, SHELVED))).first()
        return _product(row) if row else None

    async def listed(self, include_inactive: bool) -> list[Product]:
        statement = select(products).where(SHELVED).order_by(products.c.code, products.c.version)
        if not include_inactive:
            statement = statement.where(products.c.active.is_(True))
        return [_product(row) for row in await self.session.execute(statement)]

    async def candidates(self, purpose: Purpose, currency: str) -> list[Product]:
        """The active products an application of this purpose and currency may get an offer from."""
        statement = select(products).where(
            SHELVED, products.c.active.is_(True), products.c.purpose == purpose.value, products.c.currency == currency
        )
        return [_product(row) for row in await self.session.execute(statement.order_by(products.c.code))]


def _application(row: Any) -> Application:
    return Application(
        id=row.id,
        user_id=row.user_id,
        amount=Money(row.amount, row.currency),
        term_months=row.term_months,
        purpose=Purpose(row.purpose),
        status=ApplicationStatus(row.status),
        active=row.active,
        revision=row.revision,
        created_at=row.created_at,
        updated_at=row.updated_at,
        requested_at=row.requested_at,
    )


def _application_values(application: Application) -> dict[str, Any]:
    return {
        "user_id": application.user_id,
        "currency": application.amount.currency,
        "amount": application.amount.amount,
        "term_months": application.term_months,
        "purpose": application.purpose.value,
        "status": application.status.value,
        "active": application.active,
        "revision": application.revision,
        "created_at": application.created_at,
        "updated_at": application.updated_at,
        "requested_at": application.requested_at,
    }


class ApplicationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, application: Application) -> None:
        await self.session.execute(insert(applications).values(id=application.id, **_application_values(application)))

    async def save(self, application: Application) -> None:
        statement = update(applications).where(applications.c.id == application.id)
        await self.session.execute(statement.values(**_application_values(application)))

    async def get(self, application_id: uuid.UUID) -> Application | None:
        row = (await self.session.execute(select(applications).where(applications.c.id == application_id))).first()
        return _application(row) if row else None

    async def get_many(self, application_ids: Sequence[uuid.UUID]) -> list[Application]:
        statement = select(applications).where(applications.c.id.in_(application_ids))
        return [_application(row) for row in await self.session.execute(statement)]

    async def locked(self, application_id: uuid.UUID) -> Application | None:
        """The application, locked until the transaction ends (its offers change only under this lock)."""
        row = (await self.session.execute(locking_read(applications, applications.c.id == application_id))).first()
        return _application(row) if row else None

    async def of_user(self, user_id: uuid.UUID, before: uuid.UUID | None, size: int) -> list[Application]:
        statement = select(applications).where(applications.c.user_id == user_id)
        if before is not None:
            statement = statement.where(applications.c.id < before)
        statement = statement.order_by(applications.c.id.desc()).limit(size)
        return [_application(row) for row in await self.session.execute(statement)]

    async def statuses_of(self, user_id: uuid.UUID) -> list[tuple[ApplicationStatus, bool]]:
        statement = select(applications.c.status, applications.c.active).where(applications.c.user_id == user_id)
        return [(ApplicationStatus(row.status), row.active) for row in await self.session.execute(statement)]

    async def unanswered(self, asked_before: datetime, limit: int) -> list[Application]:
        """Active applications in review whose assessment was asked before `asked_before` and never answered."""
        answered = select(assessments.c.application_id).where(
            assessments.c.application_id == applications.c.id, assessments.c.revision == applications.c.revision
        )
        statement = (
            select(applications)
            .where(
                applications.c.status == ApplicationStatus.REVIEWING.value,
                applications.c.active.is_(True),
                applications.c.requested_at < asked_before,
                ~answered.exists(),
            )
            .order_by(applications.c.requested_at)
            .limit(limit)
        )
        return [_application(row) for row in await self.session.execute(statement)]


def _assessment(row: Any) -> Assessment:
    return Assessment(
        application_id=row.application_id,
        revision=row.revision,
        score_tenths=row.score_tenths,
        risk=row.risk,
        approved=row.approved,
        reasons=tuple(row.reasons),
        factors=tuple((name, points, weight) for name, points, weight in row.factors),
        hard_stop=row.hard_stop,
        rules_version=row.rules_version,
        request=row.request,
        result=row.result,
        assessed_at=row.assessed_at,
    )


class AssessmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, assessment: Assessment, user_id: uuid.UUID) -> bool:
        """Records it; False when this revision was assessed already (a duplicate answer)."""
        values = {
            "application_id": assessment.application_id,
            "revision": assessment.revision,
            "user_id": user_id,
            "score_tenths": assessment.score_tenths,
            "risk": assessment.risk,
            "approved": assessment.approved,
            "reasons": list(assessment.reasons),
            "factors": [list(factor) for factor in assessment.factors],
            "hard_stop": assessment.hard_stop,
            "rules_version": assessment.rules_version,
            "request": assessment.request,
            "result": assessment.result,
            "assessed_at": assessment.assessed_at,
        }
        statement = conflict_dialect(self.session).insert(assessments).values(**values).on_conflict_do_nothing()
        return bool((await self.session.execute(statement)).rowcount)  # type: ignore[attr-defined]

    async def of(self, application_id: uuid.UUID, revision: int) -> Assessment | None:
        statement = select(assessments).where(
            assessments.c.application_id == application_id, assessments.c.revision == revision
        )
        row = (await self.session.execute(statement)).first()
        return _assessment(row) if row else None


def _offer(row: Any) -> Offer:
    return Offer(
        id=row.id,
        application_id=row.application_id,
        user_id=row.user_id,
        product_id=row.product_id,
        amount=Money(row.amount, row.currency),
        term_months=row.term_months,
        rate_hundredths=row.rate_hundredths,
        effective_rate_hundredths=row.effective_rate_hundredths,
        monthly_payment=Money(row.monthly_payment, row.currency),
        status=OfferStatus(row.status),
        expires_at=row.expires_at,
        created_at=row.created_at,
        rules_version=row.rules_version,
        decided_at=row.decided_at,
    )


class OfferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, offer: Offer) -> None:
        await self.session.execute(
            insert(offers).values(
                id=offer.id,
                application_id=offer.application_id,
                user_id=offer.user_id,
                product_id=offer.product_id,
                currency=offer.amount.currency,
                amount=offer.amount.amount,
                term_months=offer.term_months,
                rate_hundredths=offer.rate_hundredths,
                effective_rate_hundredths=offer.effective_rate_hundredths,
                monthly_payment=offer.monthly_payment.amount,
                status=offer.status.value,
                expires_at=offer.expires_at,
                created_at=offer.created_at,
                decided_at=offer.decided_at,
                rules_version=offer.rules_version,
            )
        )

    async def get(self, offer_id: uuid.UUID) -> Offer | None:
        row = (await self.session.execute(select(offers).where(offers.c.id == offer_id))).first()
        return _offer(row) if row else None

    async def of_application(self, application_id: uuid.UUID) -> list[Offer]:
        statement = select(offers).where(offers.c.application_id == application_id).order_by(offers.c.created_at.desc())
        return [_offer(row) for row in await self.session.execute(statement)]

    async def of_applications(self, application_ids: Sequence[uuid.UUID]) -> list[Offer]:
        """Newest first."""
        statement = (
            select(offers).where(offers.c.application_id.in_(application_ids)).order_by(offers.c.created_at.desc())
        )
        return [_offer(row) for row in await self.session.execute(statement)]

    async def of_user(self, user_id: uuid.UUID) -> list[Offer]:
        return [_offer(row) for row in await self.session.execute(select(offers).where(offers.c.user_id == user_id))]

    async def applications_with_stale_proposals(self, now: datetime, limit: int) -> list[uuid.UUID]:
        """Applications holding a PROPOSED offer past its expiry (the index on status and expiry finds them)."""
        statement = (
            select(offers.c.application_id)
            .where(offers.c.status == OfferStatus.PROPOSED.value, offers.c.expires_at <= now)
            .distinct()
            .limit(limit)
        )
        return sorted((await self.session.execute(statement)).scalars())

    async def set_status(self, offer_ids: Sequence[uuid.UUID], status: OfferStatus, now: datetime) -> None:
        if offer_ids:
            statement = update(offers).where(offers.c.id.in_(offer_ids))
            await self.session.execute(statement.values(status=status.value, decided_at=now))


def _payment(row: Any) -> Payment:
    return Payment(
        id=row.id,
        loan_id=row.loan_id,
        number=row.number,
        due_on=row.due_on,
        principal=row.principal,
        interest=row.interest,
        status=PaymentStatus(row.status),
        external_reference=row.external_reference,
        attempts=row.attempts,
        processed_at=row.processed_at,
        paid_on=row.paid_on,
        early=row.early,
    )


def _loan(row: Any, schedule: Sequence[Payment] = ()) -> Loan:
    return Loan(
        id=row.id,
        offer_id=row.offer_id,
        application_id=row.application_id,
        user_id=row.user_id,
        principal=Money(row.principal, row.currency),
        rate_hundredths=row.rate_hundredths,
        term_months=row.term_months,
        monthly_payment=Money(row.monthly_payment, row.currency),
        status=LoanStatus(row.status),
        created_at=row.created_at,
        disbursed_at=row.disbursed_at,
        payments=tuple(schedule),
    )


class LoanRepository:
    """Loans with their payments."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, loan: Loan) -> None:
        await self.session.execute(
            insert(loans).values(
                id=loan.id,
                offer_id=loan.offer_id,
                application_id=loan.application_id,
                user_id=loan.user_id,
                currency=loan.principal.currency,
                principal=loan.principal.amount,
                rate_hundredths=loan.rate_hundredths,
                term_months=loan.term_months,
                monthly_payment=loan.monthly_payment.amount,
                status=loan.status.value,
                created_at=loan.created_at,
                disbursed_at=loan.disbursed_at,
            )
        )
        await self.session.execute(
            insert(payments),
            [
                {
                    "id": payment.id,
                    "loan_id": loan.id,
                    "user_id": loan.user_id,
                    "number": payment.number,
                    "due_on": payment.due_on,
                    "principal": payment.principal,
                    "interest": payment.interest,
                    "status": payment.status.value,
                    "attempts": 0,
                }
                for payment in loan.payments
            ],
        )

    async def add_payment(self, loan: Loan, payment: Payment) -> None:
        await self.session.execute(
            insert(payments).values(
                id=payment.id,
                loan_id=loan.id,
                user_id=loan.user_id,
                number=payment.number,
                due_on=payment.due_on,
                principal=payment.principal,
                interest=payment.interest,
                status=payment.status.value,
                attempts=0,
                early=payment.early,
            )
        )

    async def collecting(self, loan_id: uuid.UUID) -> bool:
        """Whether one of the loan's payments is being collected now."""
        statement = select(payments.c.id).where(payments.c.loan_id == loan_id, payments.c.collecting.is_not(None))
        return (await self.session.execute(statement)).first() is not None

    async def get(self, loan_id: uuid.UUID, *, lock: bool = False) -> Loan | None:
        read = locking_read(loans, loans.c.id == loan_id) if lock else select(loans).where(loans.c.id == loan_id)
        row = (await self.session.execute(read)).first()
        if row is None:
            return None
        schedule = select(payments).where(payments.c.loan_id == loan_id).order_by(payments.c.number)
        return _loan(row, [_payment(p) for p in await self.session.execute(schedule)])

    async def of_user(self, user_id: uuid.UUID) -> list[Loan]:
        statement = select(loans).where(loans.c.user_id == user_id).order_by(loans.c.created_at.desc())
        found = list(await self.session.execute(statement))
        schedule = select(payments).where(payments.c.user_id == user_id).order_by(payments.c.number)
        by_loan: dict[uuid.UUID, list[Payment]] = {}
        for row in await self.session.execute(schedule):
            by_loan.setdefault(row.loan_id, []).append(_payment(row))
        return [_loan(row, by_loan.get(row.id, [])) for row in found]

    async def set_status(self, loan_id: uuid.UUID, status: LoanStatus, disbursed_at: datetime | None = None) -> None:
        values: dict[str, Any] = {"status": status.value}
        if disbursed_at is not None:
            values["disbursed_at"] = disbursed_at
        await self.session.execute(update(loans).where(loans.c.id == loan_id).values(**values))

    async def payments_of(self, user_id: uuid.UUID) -> list[Payment]:
        return [
            _payment(row) for row in await self.session.execute(select(payments).where(payments.c.user_id == user_id))
        ]

    async def payment(self, payment_id: uuid.UUID) -> tuple[Payment, uuid.UUID, int | None] | None:
        """The payment, locked, with its borrower and the attempt in flight."""
        row = (await self.session.execute(locking_read(payments, payments.c.id == payment_id))).first()
        return (_payment(row), row.user_id, row.collecting) if row else None

    async def save_payment(
        self, payment: Payment, *, collecting: int | None, next_attempt_at: datetime | None = None
    ) -> None:
        await self.session.execute(
            update(payments)
            .where(payments.c.id == payment.id)
            .values(
                status=payment.status.value,
                external_reference=payment.external_reference,
                attempts=payment.attempts,
                processed_at=payment.processed_at,
                paid_on=payment.paid_on,
                collecting=collecting,
                next_attempt_at=next_attempt_at,
            )
        )

    async def collectable(self, today: date, now: datetime, limit: int) -> list[tuple[Payment, uuid.UUID]]:
        """Payments to ask wallet for now, with their borrowers: planned and due, or delayed and due for a retry,
        of disbursed loans, with no attempt in flight. Locked, and skipped by a concurrent sweep."""
        statement = (
            select(payments)
            .join(loans, loans.c.id == payments.c.loan_id)
            .where(
                loans.c.status == LoanStatus.ACTIVE.value,
                payments.c.collecting.is_(None),
                or_(
                    and_(payments.c.status == PaymentStatus.PLANNED.value, payments.c.due_on <= today),
                    and_(payments.c.status == PaymentStatus.DELAYED.value, payments.c.next_attempt_at <= now),
                ),
            )
            .order_by(payments.c.due_on)
            .limit(limit)
        )
        if self.session.get_bind().dialect.name == "postgresql":
            statement = statement.with_for_update(of=payments, skip_locked=True)
        return [(_payment(row), row.user_id) for row in await self.session.execute(statement)]

    async def open_payments(self, loan_id: uuid.UUID) -> int:
        statement = select(func.count()).where(
            payments.c.loan_id == loan_id,
            payments.c.status.notin_([PaymentStatus.COMPLETED.value, PaymentStatus.CANCELED.value]),
        )
        return int((await self.session.execute(statement)).scalar_one())
