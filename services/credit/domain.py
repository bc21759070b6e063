"""Lending's things and the rules they keep: profiles, products, applications, offers, loans and payments. No I/O."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from services.platform.errors import AlreadyExists, Conflict, InvalidArgument, NotFound
from services.platform.money import MAX_AMOUNT, MINOR_UNIT_DIGITS, Money
from services.scoring.rules import (
    MAX_RATE_HUNDREDTHS,
    MAX_TERM_MONTHS,
    EmploymentStatus,
    History,
    Product,
    Purpose,
)
from services.scoring.rules import (
    Offer as PricedOffer,
)

MAX_LIVE_PROPOSALS = 3
"""An application holds at most this many live PROPOSED offers."""
MAX_CODE_LENGTH = 64


class ApplicationStatus(enum.StrEnum):
    REVIEWING = "REVIEWING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class OfferStatus(enum.StrEnum):
    PROPOSED = "PROPOSED"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    EXPIRED = "EXPIRED"
    CANCELED = "CANCELED"


class LoanStatus(enum.StrEnum):
    DISBURSING = "DISBURSING"
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"


class PaymentStatus(enum.StrEnum):
    PLANNED = "PLANNED"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELED = "CANCELED"
    DELAYED = "DELAYED"


PAYMENT_TRANSITIONS: dict[PaymentStatus, frozenset[PaymentStatus]] = {
    PaymentStatus.PLANNED: frozenset(
        {PaymentStatus.COMPLETED, PaymentStatus.FAILED, PaymentStatus.CANCELED, PaymentStatus.DELAYED}
    ),
    PaymentStatus.DELAYED: frozenset({PaymentStatus.COMPLETED, PaymentStatus.FAILED, PaymentStatus.CANCELED}),
    PaymentStatus.FAILED: frozenset({PaymentStatus.CANCELED}),
    PaymentStatus.COMPLETED: frozenset(),
    PaymentStatus.CANCELED: frozenset(),
}
"""Where a payment may go from each status; COMPLETED and CANCELED are final."""


class ProfileNotFound(NotFound):
    code = "profile_not_found"


class NoSuitableProduct(NotFound):
    code = "no_suitable_product"


class CreditProductNotFound(NotFound):
    code = "credit_product_not_found"


class ApplicationNotFound(NotFound):
    code = "application_not_found"


class OfferNotFound(NotFound):
    code = "offer_not_found"


class LoanNotFound(NotFound):
    code = "loan_not_found"


class ProductExists(AlreadyExists):
    code = "product_exists"


class ApplicationDecided(Conflict):
    code = "application_decided"


class ApplicationInactive(Conflict):
    code = "application_inactive"


class OfferNotProposed(Conflict):
    code = "offer_not_proposed"


class OfferExpired(Conflict):
    code = "offer_expired"


class CurrencyMismatch(Conflict):
    code = "currency_mismatch"


class RepaymentInProgress(Conflict):
    code = "repayment_in_progress"


class LoanNotActive(Conflict):
    code = "loan_not_active"


@dataclass(frozen=True)
class Profile:
    user_id: uuid.UUID
    annual_income: Money
    monthly_debt: Money
    employment: EmploymentStatus
    birth_date: date
    updated_at: datetime

    def age_on(self, day: date) -> int:
        """Whole years."""
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


def checked_profile(profile: Profile, today: date) -> Profile:
    currency = profile.annual_income.currency
    if currency not in MINOR_UNIT_DIGITS:
        raise InvalidArgument(f"unsupported currency {currency!r}")
    if profile.monthly_debt.currency != currency:
        raise InvalidArgument("monthly debt must be in the currency of the annual income")
    for what, money in (("annual income", profile.annual_income), ("monthly debt", profile.monthly_debt)):
        if not 0 <= money.amount <= MAX_AMOUNT:
            raise InvalidArgument(f"{what} must be between 0 and {MAX_AMOUNT} minor units")
    if not 18 <= profile.age_on(today) <= 100:
        raise InvalidArgument("a client is 18 to 100 years old")
    return profile


def checked_product(product: Product) -> Product:
    if not product.code or len(product.code) > MAX_CODE_LENGTH:
        raise InvalidArgument(f"a product code has 1 to {MAX_CODE_LENGTH} characters")
    if product.version < 1:
        raise InvalidArgument("a product version starts at 1")
    if (
        product.min_amount.currency not in MINOR_UNIT_DIGITS
        or product.max_amount.currency != product.min_amount.currency
    ):
        raise InvalidArgument("a product's amounts are in one supported currency")
    if not 1 <= product.min_amount.amount <= product.max_amount.amount <= MAX_AMOUNT:
        raise InvalidArgument(f"amounts must be 1 <= min <= max <= {MAX_AMOUNT} minor units")
    if not 1 <= product.min_term_months <= product.max_term_months <= MAX_TERM_MONTHS:
        raise InvalidArgument(f"terms must be 1 <= min <= max <= {MAX_TERM_MONTHS} months")
    if not 0 <= product.rate_min_hundredths <= product.rate_max_hundredths <= MAX_RATE_HUNDREDTHS:
        raise InvalidArgument("rates must be 0 <= min <= max <= 100 %")
    return product


@dataclass(frozen=True)
class Application:
    id: uuid.UUID
    user_id: uuid.UUID
    amount: Money
    term_months: int
    purpose: Purpose
    status: ApplicationStatus
    active: bool
    revision: int
    created_at: datetime
    updated_at: datetime
    requested_at: datetime
    """When the current revision's assessment was last asked for (a sweep asks again if no answer came)."""

    @property
    def reviewing(self) -> bool:
        return self.active and self.status is ApplicationStatus.REVIEWING

    def revised(self, amount: Money, term_months: int, now: datetime) -> Application:
        if not self.active:
            raise ApplicationInactive(f"application {self.id} was deleted")
        if self.status is not ApplicationStatus.REVIEWING:
            raise ApplicationDecided(f"application {self.id} is {self.status} and can no longer change")
        return replace(
            self,
            amount=amount,
            term_months=term_months,
            revision=self.revision + 1,
            updated_at=now,
            requested_at=now,
        )


@dataclass(frozen=True)
class Assessment:
    """scoring's result for one revision of an application, with everything needed to explain it later."""

    application_id: uuid.UUID
    revision: int
    score_tenths: int
    risk: str
    approved: bool
    reasons: tuple[str, ...]
    factors: tuple[tuple[str, int, int], ...]
    hard_stop: str
    rules_version: str
    request: bytes
    """The serialized agora.scoring.v1.AssessRequest: the applicant's inputs as scoring saw them."""
    result: bytes
    """The serialized agora.scoring.v1.AssessResponse."""
    assessed_at: datetime


@dataclass(frozen=True)
class Offer:
    id: uuid.UUID
    application_id: uuid.UUID
    user_id: uuid.UUID
    product_id: uuid.UUID
    amount: Money
    term_months: int
    rate_hundredths: int
    effective_rate_hundredths: int
    monthly_payment: Money
    status: OfferStatus
    expires_at: datetime
    created_at: datetime
    rules_version: str
    decided_at: datetime | None = None

    def live(self, now: datetime) -> bool:
        return self.status is OfferStatus.PROPOSED and self.expires_at > now


def offer_of(application: Application, priced: PricedOffer, product_id: uuid.UUID, now: datetime) -> Offer:
    return Offer(
        id=uuid.uuid4(),
        application_id=application.id,
        user_id=application.user_id,
        product_id=product_id,
        amount=priced.amount,
        term_months=priced.term_months,
        rate_hundredths=priced.rate_hundredths,
        effective_rate_hundredths=priced.effective_rate_hundredths,
        monthly_payment=priced.monthly_payment,
        status=OfferStatus.PROPOSED,
        expires_at=now + timedelta(days=priced.lifetime_days),
        created_at=now,
        rules_version=priced.rules_version,
    )


def may_propose(
    application: Application, product: Product, offers: Sequence[Offer], offer: Offer, now: datetime
) -> bool:
    """The rules an offer keeps before it is stored PROPOSED."""
    live = [o for o in offers if o.live(now)]
    return (
        application.reviewing
        and product.active
        and not any(o.status is OfferStatus.ACCEPTED for o in offers)
        and product.purpose is application.purpose
        and product.min_amount.currency == offer.amount.currency
        and product.min_amount.amount <= offer.amount.amount <= product.max_amount.amount
        and product.min_term_months <= offer.term_months <= product.max_term_months
        and product.rate_min_hundredths <= offer.rate_hundredths <= product.rate_max_hundredths
        and offer.expires_at > now
        and not any(o.product_id == offer.product_id for o in live)
        and len(live) < MAX_LIVE_PROPOSALS
    )


def current_offer(offers: Sequence[Offer], now: datetime) -> Offer | None:
    """The accepted offer, else the live proposed one that expires last."""
    accepted = next((o for o in offers if o.status is OfferStatus.ACCEPTED), None)
    if accepted is not None:
        return accepted
    return max((o for o in offers if o.live(now)), key=lambda o: o.expires_at, default=None)


@dataclass(frozen=True)
class Payment:
    id: uuid.UUID
    loan_id: uuid.UUID
    number: int
    due_on: date
    principal: int
    interest: int
    status: PaymentStatus = PaymentStatus.PLANNED
    external_reference: str | None = None
    attempts: int = 0
    processed_at: datetime | None = None
    paid_on: date | None = None
    early: bool = False
    """An early repayment of the principal owed, outside the schedule."""

    @property
    def open(self) -> bool:
        """Still to be collected by the schedule."""
        return self.status in (PaymentStatus.PLANNED, PaymentStatus.DELAYED)

    @property
    def owed(self) -> bool:
        """Neither paid nor cancelled: open, or FAILED (no longer collected, still owed)."""
        return self.open or self.status is PaymentStatus.FAILED

    @property
    def amount(self) -> int:
        return self.principal + self.interest

    def moved_to(self, status: PaymentStatus, now: datetime) -> Payment:
        if status not in PAYMENT_TRANSITIONS[self.status]:
            raise Conflict(f"a {self.status} payment cannot become {status}", code="payment_transition_refused")
        return replace(self, status=status, processed_at=now)

    def days_overdue(self, today: date) -> int:
        if self.status is PaymentStatus.CANCELED:
            return 0
        settled = self.paid_on if self.status is PaymentStatus.COMPLETED else today
        return max(((settled or today) - self.due_on).days, 0)

    def delayed(self, today: date) -> bool:
        """Failed, delayed, paid late, or planned and overdue."""
        if self.status in (PaymentStatus.FAILED, PaymentStatus.DELAYED):
            return True
        if self.status is PaymentStatus.COMPLETED:
            return self.paid_on is not None and self.paid_on > self.due_on
        return self.status is PaymentStatus.PLANNED and self.due_on < today


@dataclass(frozen=True)
class Loan:
    id: uuid.UUID
    offer_id: uuid.UUID
    application_id: uuid.UUID
    user_id: uuid.UUID
    principal: Money
    rate_hundredths: int
    term_months: int
    monthly_payment: Money
    status: LoanStatus
    created_at: datetime
    disbursed_at: datetime | None = None
    payments: tuple[Payment, ...] = field(default=())

    @property
    def outstanding(self) -> int:
        """Principal not yet repaid."""
        return self.principal.amount - sum(p.principal for p in self.payments if p.status is PaymentStatus.COMPLETED)


@dataclass(frozen=True)
class ClientRecord:
    """What credit knows of a client that scoring weighs: their applications, offers and payments."""

    statuses: Sequence[tuple[ApplicationStatus, bool]]
    offers: Sequence[Offer]
    payments: Sequence[Payment]


def history_of(record: ClientRecord, today: date, now: datetime) -> History:
    """The client's statistics for an assessment; payments count over the last 12 months."""
    year_ago = today - timedelta(days=365)
    recent = [p for p in record.payments if year_ago <= p.due_on <= today]
    accepted = sum(o.amount.amount for o in record.offers if o.status is OfferStatus.ACCEPTED)
    repaid = sum(p.amount for p in record.payments if p.status is PaymentStatus.COMPLETED)
    return History(
        approved=sum(1 for status, _ in record.statuses if status is ApplicationStatus.APPROVED),
        rejected=sum(1 for status, _ in record.statuses if status is ApplicationStatus.REJECTED),
        pending=sum(1 for status, active in record.statuses if status is ApplicationStatus.REVIEWING and active),
        payments=len(recent),
        delayed_payments=sum(1 for p in recent if p.delayed(today)),
        max_days_overdue=max((p.days_overdue(today) for p in recent), default=0),
        active_offers=sum(1 for o in record.offers if o.live(now) or o.status is OfferStatus.ACCEPTED),
        outstanding_debt=max(accepted - repaid, 0),
    )
