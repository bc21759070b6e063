"""credit's use cases for borrowers and admins: profiles, products, applications, offers and their decisions."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from agora.scoring.v1 import scoring_pb2 as scoring_pb
from services.credit.adapters.events import (
    application_status_changed,
    assessment_requested,
    loan_disbursement_requested,
    offer_status_changed,
)
from services.credit.adapters.unit_of_work import CreditUnitOfWork
from services.credit.domain import (
    Application,
    ApplicationDecided,
    ApplicationNotFound,
    ApplicationStatus,
    Assessment,
    ClientRecord,
    CreditProductNotFound,
    CurrencyMismatch,
    Loan,
    LoanNotActive,
    LoanNotFound,
    LoanStatus,
    NoSuitableProduct,
    Offer,
    OfferExpired,
    OfferNotFound,
    OfferNotProposed,
    OfferStatus,
    Payment,
    ProductExists,
    Profile,
    ProfileNotFound,
    RepaymentInProgress,
    checked_product,
    checked_profile,
    history_of,
)
from services.credit.messages import EMPLOYMENT_MESSAGES, PURPOSE_MESSAGES, product_message
from services.credit.schedule import repayment_schedule
from services.platform.clock import Clock, utc_now
from services.platform.context import Principal
from services.platform.cursors import decode_cursor, encode_cursor, page_size
from services.platform.errors import AdminRequired, InvalidArgument, Unauthenticated
from services.platform.ids import uuid7
from services.platform.money import Money
from services.scoring.entrypoints.messages import money_message
from services.scoring.rules import LoanRequest, Product, validate_loan

MAX_BATCH = 100
"""Applications one batch read takes."""


@dataclass(frozen=True)
class ApplicationView:
    """An application with its current revision's assessment (if it came) and its offers."""

    application: Application
    assessment: Assessment | None
    offers: Sequence[Offer]


def user_of(principal: Principal | None) -> uuid.UUID:
    if principal is None:
        raise Unauthenticated("credit belongs to a signed-in user")
    return uuid.UUID(principal.user_id)


def admin_of(principal: Principal | None) -> None:
    user_of(principal)
    assert principal is not None
    if not principal.is_admin:
        raise AdminRequired("only admins manage credit products and read the audit")


def may_see(principal: Principal | None, owner: uuid.UUID) -> bool:
    """The owner or an admin; to anyone else the thing does not exist."""
    caller = user_of(principal)
    assert principal is not None
    return caller == owner or principal.is_admin


class CreditService:
    def __init__(self, unit_of_work: Callable[[], CreditUnitOfWork], clock: Clock = utc_now) -> None:
        self.unit_of_work = unit_of_work
        self.clock = clock

    # -- profiles -------------------------------------------------------------------------------------------

    async def profile(self, principal: Principal | None, user_id: uuid.UUID | None) -> Profile:
        whose = self._whose(principal, user_id)
        async with self.unit_of_work() as uow:
            found = await uow.profiles.get(whose)
        if found is None:
            raise ProfileNotFound(f"no financial profile for user {whose}")
        return found

    async def put_profile(
        self, principal: Principal | None, user_id: uuid.UUID | None, draft: Callable[[uuid.UUID, datetime], Profile]
    ) -> Profile:
        whose, now = self._whose(principal, user_id), self.clock()
        profile = checked_profile(draft(whose, now), now.date())
        async with self.unit_of_work() as uow:
            await uow.profiles.put(profile)
            await uow.commit()
        return profile

    def _whose(self, principal: Principal | None, user_id: uuid.UUID | None) -> uuid.UUID:
        """The caller's own, or (admins only) anyone's."""
        caller = user_of(principal)
        if user_id is None or user_id == caller:
            return caller
        admin_of(principal)
        return user_id

    # -- products -------------------------------------------------------------------------------------------

    async def products(self, principal: Principal | None, include_inactive: bool) -> list[Product]:
        if include_inactive:
            admin_of(principal)
        async with self.unit_of_work() as uow:
            return await uow.products.listed(include_inactive)

    async def product(self, product_id: uuid.UUID) -> Product:
        async with self.unit_of_work() as uow:
            found = await uow.products.get(product_id)
        if found is None:
            raise CreditProductNotFound(f"no credit product {product_id}")
        return found

    async def create_product(self, principal: Principal | None, draft: Product) -> Product:
        admin_of(principal)
        product = checked_product(replace(draft, id=str(uuid.uuid4())))
        async with self.unit_of_work() as uow:
            if await uow.products.code_taken(product.code, product.version):
                raise ProductExists(f"product {product.code} version {product.version} exists")
            await uow.products.add(product)
            await uow.commit()
        return product

    async def update_product(self, principal: Principal | None, product: Product) -> Product:
        admin_of(principal)
        checked_product(product)
        product_id = uuid.UUID(product.id)
        async with self.unit_of_work() as uow:
            if await uow.products.get(product_id) is None:
                raise CreditProductNotFound(f"no credit product {product_id}")
            if await uow.products.code_taken(product.code, product.version, but=product_id):
                raise ProductExists(f"product {product.code} version {product.version} exists")
            await uow.products.replace(product)
            await uow.commit()
        return product

    async def delete_product(self, principal: Principal | None, product_id: uuid.UUID) -> None:
        admin_of(principal)
        async with self.unit_of_work() as uow:
            if not await uow.products.delete(product_id):
                raise CreditProductNotFound(f"no credit product {product_id}")
            await uow.commit()

    # -- applications ---------------------------------------------------------------------------------------

    async def apply(self, principal: Principal | None, loan: LoanRequest) -> ApplicationView:
        """A new application, REVIEWING; its assessment is asked for in the same transaction."""
        user_id, now = user_of(principal), self.clock()
        validate_loan(loan)
        async with self.unit_of_work() as uow:
            profile = await uow.profiles.get(user_id)
            if profile is None:
                raise ProfileNotFound("set your financial profile before applying")
            application = Application(
                id=uuid7(),
                user_id=user_id,
                amount=loan.amount,
                term_months=loan.term_months,
                purpose=loan.purpose,
                status=ApplicationStatus.REVIEWING,
                active=True,
                revision=1,
                created_at=now,
                updated_at=now,
                requested_at=now,
            )
            await self._ask_assessment(uow, application, profile, now)
            await uow.applications.add(application)
            await uow.commit()
        return ApplicationView(application, None, ())

    async def application(self, principal: Principal | None, application_id: uuid.UUID) -> ApplicationView:
        async with self.unit_of_work() as uow:
            application = self._visible(principal, await uow.applications.get(application_id), application_id)
            return await self._view(uow, application)

    async def applications(
        self, principal: Principal | None, cursor: str | None, limit: int
    ) -> tuple[list[ApplicationView], str | None]:
        """The caller's applications, newest first."""
        user_id, size = user_of(principal), page_size(limit)
        before = decode_cursor(cursor) if cursor else None
        async with self.unit_of_work() as uow:
            found = await uow.applications.of_user(user_id, before, size + 1)
            page = found[:size]
            offers = await uow.offers.of_applications([a.id for a in page])
            views = [
                ApplicationView(
                    a,
                    await uow.assessments.of(a.id, a.revision),
                    [o for o in offers if o.application_id == a.id],
                )
                for a in page
            ]
        return views, encode_cursor(page[-1].id) if len(found) > size else None

    async def revise(
        self, principal: Principal | None, application_id: uuid.UUID, amount: Money, term_months: int
    ) -> ApplicationView:
        """A new amount and term: a new revision in review, its proposed offers expired, assessed again."""
        now = self.clock()
        async with self.unit_of_work() as uow:
            found = self._visible(principal, await uow.applications.locked(application_id), application_id)
            application = found.revised(amount, term_months, now)
            validate_loan(LoanRequest(amount, term_months, application.purpose))
            profile = await uow.profiles.get(application.user_id)
            if profile is None:
                raise ProfileNotFound("the applicant has no financial profile")
            await self._ask_assessment(uow, application, profile, now)
            offers = await self._close_proposals(uow, application.id, OfferStatus.EXPIRED, now)
            await uow.applications.save(application)
            await uow.outbox.add(application_status_changed(application, None, offers, now))
            await uow.commit()
        return ApplicationView(application, None, offers)

    async def withdraw(self, principal: Principal | None, application_id: uuid.UUID) -> None:
        """Cancels the application's offers, then makes it inactive; refused once APPROVED."""
        now = self.clock()
        async with self.unit_of_work() as uow:
            application = self._visible(principal, await uow.applications.locked(application_id), application_id)
            if application.status is ApplicationStatus.APPROVED:
                raise ApplicationDecided(f"application {application_id} is approved: its loan stays")
            if not application.active:
                return
            offers = await self._close_proposals(uow, application.id, OfferStatus.CANCELED, now)
            withdrawn = replace(application, active=False, updated_at=now)
            await uow.applications.save(withdrawn)
            assessment = await uow.assessments.of(application.id, application.revision)
            await uow.outbox.add(application_status_changed(withdrawn, assessment, offers, now))
            await uow.commit()

    async def offers(self, principal: Principal | None, application_id: uuid.UUID) -> list[Offer]:
        async with self.unit_of_work() as uow:
            self._visible(principal, await uow.applications.get(application_id), application_id)
            return await uow.offers.of_application(application_id)

    async def offers_of_applications(
        self, principal: Principal | None, application_ids: Sequence[uuid.UUID]
    ) -> list[Offer]:
        """The offers of those applications the caller may see, newest first; the others are left out."""
        if len(application_ids) > MAX_BATCH:
            raise InvalidArgument(f"at most {MAX_BATCH} applications at a time")
        async with self.unit_of_work() as uow:
            visible = [a.id for a in await uow.applications.get_many(application_ids) if may_see(principal, a.user_id)]
            return await uow.offers.of_applications(visible) if visible else []

    async def decide(self, principal: Principal | None, offer_id: uuid.UUID, accept: bool) -> tuple[Offer, Loan | None]:
        """Accepts or rejects a live PROPOSED offer. Accepting approves the application, cancels its other proposals
        and makes the loan, whose principal wallet then pays in (through the outbox)."""
        now = self.clock()
        async with self.unit_of_work() as uow:
            seen = await uow.offers.get(offer_id)
            if seen is None or not may_see(principal, seen.user_id):
                raise OfferNotFound(f"no offer {offer_id}")
            application = await uow.applications.locked(seen.application_id)  # offers change under this lock
            assert application is not None
            offers = await uow.offers.of_application(application.id)
            offer = next(o for o in offers if o.id == offer_id)
            if offer.status is OfferStatus.EXPIRED:
                raise OfferExpired(f"offer {offer_id} expired at {offer.expires_at.isoformat()}")
            if offer.status is not OfferStatus.PROPOSED or not application.reviewing:
                raise OfferNotProposed(f"offer {offer_id} is {offer.status}, not open to a decision")
            if not offer.live(now):
                await self._expire(uow, [offer], now)
                await uow.commit()
                raise OfferExpired(f"offer {offer_id} expired at {offer.expires_at.isoformat()}")
            if not accept:
                rejected = replace(offer, status=OfferStatus.REJECTED, decided_at=now)
                await uow.offers.set_status([offer.id], OfferStatus.REJECTED, now)
                await uow.outbox.add(offer_status_changed(rejected, now))
                await uow.commit()
                return rejected, None
            accepted = replace(offer, status=OfferStatus.ACCEPTED, decided_at=now)
            await uow.offers.set_status([offer.id], OfferStatus.ACCEPTED, now)
            others = [o for o in offers if o.status is OfferStatus.PROPOSED and o.id != offer.id]
            await uow.offers.set_status([o.id for o in others], OfferStatus.CANCELED, now)
            approved = replace(application, status=ApplicationStatus.APPROVED, updated_at=now)
            await uow.applications.save(approved)
            loan = new_loan(accepted, now)
            await uow.loans.add(loan)
            cancelled = [replace(o, status=OfferStatus.CANCELED, decided_at=now) for o in others]
            assessment = await uow.assessments.of(application.id, application.revision)
            await uow.outbox.add(
                offer_status_changed(accepted, now),
                *(offer_status_changed(o, now) for o in cancelled),
                application_status_changed(approved, assessment, [accepted, *cancelled], now),
                loan_disbursement_requested(loan),
            )
            await uow.commit()
        return accepted, loan

    async def expire_offers(self, limit: int = 100) -> int:
        """Marks PROPOSED offers past their expiry EXPIRED, each with its event; returns how many it marked.

        Reads show such an offer EXPIRED already and deciding it marks it so; the sweep makes the change happen
        (and be announced) without anyone asking.
        """
        now, marked = self.clock(), 0
        async with self.unit_of_work() as uow:
            for application_id in await uow.offers.applications_with_stale_proposals(now, limit):
                await uow.applications.locked(application_id)  # offers change under this lock
                offers = await uow.offers.of_application(application_id)
                stale = [o for o in offers if o.status is OfferStatus.PROPOSED and not o.live(now)]
                await self._expire(uow, stale, now)
                marked += len(stale)
            await uow.commit()
        return marked

    async def _expire(self, uow: CreditUnitOfWork, offers: Sequence[Offer], now: datetime) -> None:
        if not offers:
            return
        await uow.offers.set_status([o.id for o in offers], OfferStatus.EXPIRED, now)
        await uow.outbox.add(
            *(offer_status_changed(replace(o, status=OfferStatus.EXPIRED, decided_at=now), now) for o in offers)
        )

    # -- loans ----------------------------------------------------------------------------------------------

    async def loans(self, principal: Principal | None) -> list[Loan]:
        async with self.unit_of_work() as uow:
            return await uow.loans.of_user(user_of(principal))

    async def repay(self, principal: Principal | None, loan_id: uuid.UUID) -> Loan:
        """Plans an early repayment of the principal owed, due today: the next sweep collects it."""
        today = self.clock().date()
        async with self.unit_of_work() as uow:
            loan = await uow.loans.get(loan_id, lock=True)
            if loan is None or not may_see(principal, loan.user_id):
                raise LoanNotFound(f"no loan {loan_id}")
            if loan.status is not LoanStatus.ACTIVE:
                raise LoanNotActive(f"loan {loan_id} is {loan.status}")
            if any(p.early and p.open for p in loan.payments) or await uow.loans.collecting(loan_id):
                raise RepaymentInProgress(f"a payment of loan {loan_id} is being collected; try again shortly")
            number = max(p.number for p in loan.payments) + 1
            early = Payment(uuid.uuid4(), loan.id, number, today, loan.outstanding, 0, early=True)
            await uow.loans.add_payment(loan, early)
            await uow.commit()
        return replace(loan, payments=(*loan.payments, early))

    async def loan(self, principal: Principal | None, loan_id: uuid.UUID) -> Loan:
        async with self.unit_of_work() as uow:
            found = await uow.loans.get(loan_id)
        if found is None or not may_see(principal, found.user_id):
            raise LoanNotFound(f"no loan {loan_id}")
        return found

    # -- shared steps ---------------------------------------------------------------------------------------

    def _visible(
        self, principal: Principal | None, application: Application | None, application_id: uuid.UUID
    ) -> Application:
        if application is None or not may_see(principal, application.user_id):
            raise ApplicationNotFound(f"no application {application_id}")
        return application

    async def _view(self, uow: CreditUnitOfWork, application: Application) -> ApplicationView:
        assessment = await uow.assessments.of(application.id, application.revision)
        return ApplicationView(application, assessment, await uow.offers.of_application(application.id))

    async def _close_proposals(
        self, uow: CreditUnitOfWork, application_id: uuid.UUID, status: OfferStatus, now: datetime
    ) -> list[Offer]:
        """Moves the application's PROPOSED offers to `status`, announcing each; returns all its offers after."""
        offers = await uow.offers.of_application(application_id)
        proposed = [o for o in offers if o.status is OfferStatus.PROPOSED]
        await uow.offers.set_status([o.id for o in proposed], status, now)
        closed = {o.id: replace(o, status=status, decided_at=now) for o in proposed}
        await uow.outbox.add(*(offer_status_changed(o, now) for o in closed.values()))
        return [closed.get(o.id, o) for o in offers]

    async def _ask_assessment(
        self, uow: CreditUnitOfWork, application: Application, profile: Profile, now: datetime
    ) -> None:
        """Publishes the assessment request of the application's revision, with the client's statistics as of now.

        NOT_FOUND no_suitable_product when no active product takes the purpose, currency, amount and term.
        """
        if profile.annual_income.currency != application.amount.currency:
            raise CurrencyMismatch(f"apply in the currency of your profile, {profile.annual_income.currency}")
        loan = LoanRequest(application.amount, application.term_months, application.purpose)
        candidates = await uow.products.candidates(application.purpose, application.amount.currency)
        if not any(product.fits(loan) for product in candidates):
            raise NoSuitableProduct(f"no active {application.purpose} product takes this amount and term")
        request = await assessment_request(uow, application, profile, now)
        await uow.outbox.add(assessment_requested(application, request, [product_message(p) for p in candidates]))

    async def ask_again(self, unanswered_for_seconds: float, limit: int = 100) -> int:
        """Asks again for assessments no answer came for (scoring was away, or the request was dead-lettered)."""
        now = self.clock()
        async with self.unit_of_work() as uow:
            stale = await uow.applications.unanswered(now - timedelta(seconds=unanswered_for_seconds), limit)
            for application in stale:
                profile = await uow.profiles.get(application.user_id)
                if profile is None:
                    continue
                asked = replace(application, requested_at=now)
                with contextlib.suppress(NoSuitableProduct):  # its product left the shelf: the next sweep looks again
                    await self._ask_assessment(uow, asked, profile, now)
                await uow.applications.save(asked)
            await uow.commit()
        return len(stale)


async def assessment_request(
    uow: CreditUnitOfWork, application: Application, profile: Profile, now: datetime
) -> scoring_pb.AssessRequest:
    """What scoring weighs: the applicant's profile and their record with credit as of now."""
    today: date = now.date()
    record = ClientRecord(
        statuses=await uow.applications.statuses_of(application.user_id),
        offers=await uow.offers.of_user(application.user_id),
        payments=await uow.loans.payments_of(application.user_id),
    )
    history = history_of(record, today, now)
    currency = application.amount.currency
    return scoring_pb.AssessRequest(
        applicant=scoring_pb.Applicant(
            age=profile.age_on(today),
            employment_status=EMPLOYMENT_MESSAGES[profile.employment],
            annual_income=money_message(profile.annual_income),
            monthly_debt=money_message(profile.monthly_debt),
        ),
        history=scoring_pb.CreditHistory(
            approved_applications=history.approved,
            rejected_applications=history.rejected,
            pending_applications=history.pending,
            payments_last_12_months=history.payments,
            delayed_payments_last_12_months=history.delayed_payments,
            max_days_overdue_last_12_months=history.max_days_overdue,
            active_offers=history.active_offers,
            outstanding_debt=money_message(Money(history.outstanding_debt, currency)),
        ),
        loan=scoring_pb.LoanRequest(
            amount=money_message(application.amount),
            term_months=application.term_months,
            purpose=PURPOSE_MESSAGES[application.purpose],
        ),
    )


def new_loan(offer: Offer, now: datetime) -> Loan:
    """The loan an accepted offer makes, DISBURSING, with its schedule from today."""
    loan_id = uuid.uuid4()
    schedule = repayment_schedule(offer.amount.amount, offer.rate_hundredths, offer.term_months, now.date())
    return Loan(
        id=loan_id,
        offer_id=offer.id,
        application_id=offer.application_id,
        user_id=offer.user_id,
        principal=offer.amount,
        rate_hundredths=offer.rate_hundredths,
        term_months=offer.term_months,
        monthly_payment=offer.monthly_payment,
        status=LoanStatus.DISBURSING,
        created_at=now,
        payments=tuple(Payment(uuid.uuid4(), loan_id, i.number, i.due_on, i.principal, i.interest) for i in schedule),
    )
