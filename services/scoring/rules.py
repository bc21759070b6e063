"""The credit-scoring rules: hard stops, weighted factors, risk bands, and the offer a product makes. No I/O.

Arithmetic is exact (integers and fractions): the score is a sum of integer points times weights of one decimal,
so it is exact in tenths; rates, the effective rate, instalments and offer lifetimes are rounded half up once,
at the end. Amounts are minor units of one currency; the amount bands of the offer lifetime are in major units.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from services.platform.errors import AgoraError, ErrorKind, InvalidArgument
from services.platform.money import MAX_AMOUNT, MINOR_UNIT_DIGITS, Money

RULES_VERSION = "2026-12.1"
"""Changes with any rule below; every assessment and offer carries it."""

MAX_TERM_MONTHS = 360
MIN_AGE, MAX_AGE = 18, 100
MAX_SCORE_TENTHS = 1000
MAX_RATE_HUNDREDTHS = 10_000


class EmploymentStatus(enum.StrEnum):
    EMPLOYED = "EMPLOYED"
    SELF_EMPLOYED = "SELF_EMPLOYED"
    UNEMPLOYED = "UNEMPLOYED"


class Purpose(enum.StrEnum):
    MORTGAGE = "MORTGAGE"
    AUTO = "AUTO"
    REFINANCE = "REFINANCE"
    SECURED = "SECURED"
    CONSUMER = "CONSUMER"
    UNSECURED = "UNSECURED"
    BUSINESS = "BUSINESS"
    EDUCATION = "EDUCATION"
    MEDICAL = "MEDICAL"
    OVERDRAFT = "OVERDRAFT"


class Risk(enum.StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class NoOffer(AgoraError):
    kind, code = ErrorKind.FAILED_PRECONDITION, "no_offer"


@dataclass(frozen=True)
class Applicant:
    age: int
    employment: EmploymentStatus
    annual_income: int
    monthly_debt: int


@dataclass(frozen=True)
class History:
    """The applicant's past with the lender over the last 12 months (applications: all time)."""

    approved: int = 0
    rejected: int = 0
    pending: int = 0
    payments: int = 0
    delayed_payments: int = 0
    max_days_overdue: int = 0
    active_offers: int = 0
    outstanding_debt: int = 0


@dataclass(frozen=True)
class LoanRequest:
    amount: Money
    term_months: int
    purpose: Purpose


@dataclass(frozen=True)
class Factor:
    name: str
    points: int
    weight_tenths: int

    @property
    def contribution_tenths(self) -> int:
        return self.points * self.weight_tenths


@dataclass(frozen=True)
class Assessment:
    score_tenths: int
    risk: Risk
    reasons: tuple[str, ...]
    factors: tuple[Factor, ...]
    hard_stop: str | None
    dsr_percent: Fraction
    lti: Fraction
    rules_version: str = RULES_VERSION

    @property
    def approved(self) -> bool:
        return self.risk is not Risk.HIGH


@dataclass(frozen=True)
class Product:
    id: str
    code: str
    version: int
    purpose: Purpose
    min_amount: Money
    max_amount: Money
    min_term_months: int
    max_term_months: int
    rate_min_hundredths: int
    rate_max_hundredths: int
    active: bool = True

    def fits(self, loan: LoanRequest) -> bool:
        return (
            self.active
            and self.purpose is loan.purpose
            and self.min_amount.currency == loan.amount.currency == self.max_amount.currency
            and self.min_amount.amount <= loan.amount.amount <= self.max_amount.amount
            and self.min_term_months <= loan.term_months <= self.max_term_months
        )


@dataclass(frozen=True)
class Offer:
    product_id: str
    amount: Money
    term_months: int
    rate_hundredths: int
    effective_rate_hundredths: int
    monthly_payment: Money
    lifetime_days: int
    rules_version: str = RULES_VERSION


# The factors' weights, in tenths, in the order the score lists them.
WEIGHTS = {"age": 10, "employment": 11, "purpose": 9, "history": 10, "dsr": 13, "lti": 11, "behaviour": 12}
EMPLOYMENT_POINTS = {EmploymentStatus.EMPLOYED: 6, EmploymentStatus.SELF_EMPLOYED: 2, EmploymentStatus.UNEMPLOYED: -20}
PURPOSE_POINTS = {
    Purpose.MORTGAGE: 7,
    Purpose.AUTO: 4,
    Purpose.REFINANCE: 5,
    Purpose.SECURED: 5,
    Purpose.CONSUMER: 0,
    Purpose.UNSECURED: -4,
    Purpose.BUSINESS: -3,
    Purpose.EDUCATION: 2,
    Purpose.MEDICAL: 3,
    Purpose.OVERDRAFT: -6,
}
# A rejection names each negative factor, in this order (age is never named).
REJECTION_REASONS = {
    "dsr": "High DSR/DTI",
    "lti": "High loan-to-income",
    "history": "Negative credit history indicators",
    "employment": "Employment status risk",
    "purpose": "Risky loan purpose",
    "behaviour": "Past payment behavior concerns",
}
APPROVAL_REASONS = {Risk.LOW: "Excellent profile with low risk", Risk.MEDIUM: "Acceptable risk level"}


def ratio(numerator: int, denominator: int) -> Fraction:
    """numerator / denominator, 0 when dividing by 0 (no income: no ratio to speak of)."""
    return Fraction(numerator, denominator) if denominator else Fraction(0)


def round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def assess(applicant: Applicant, history: History, loan: LoanRequest) -> Assessment:
    validate_assessment(applicant, history, loan)
    dsr_percent = ratio(applicant.monthly_debt * 12 * 100, applicant.annual_income)
    lti = ratio(loan.amount.amount, applicant.annual_income)
    factors = (
        Factor("age", age_points(applicant.age), WEIGHTS["age"]),
        Factor("employment", EMPLOYMENT_POINTS[applicant.employment], WEIGHTS["employment"]),
        Factor("purpose", PURPOSE_POINTS[loan.purpose], WEIGHTS["purpose"]),
        Factor("history", history_points(history), WEIGHTS["history"]),
        Factor("dsr", dsr_points(dsr_percent), WEIGHTS["dsr"]),
        Factor("lti", lti_points(lti), WEIGHTS["lti"]),
        Factor("behaviour", behaviour_points(history), WEIGHTS["behaviour"]),
    )
    stop = hard_stop(applicant, history, loan, dsr_percent)
    if stop is not None:
        return Assessment(0, Risk.HIGH, (stop,), factors, stop, dsr_percent, lti)
    score_tenths = min(max(500 + sum(factor.contribution_tenths for factor in factors), 0), MAX_SCORE_TENTHS)
    risk = risk_of(score_tenths)
    if risk is Risk.HIGH:
        negative = {factor.name for factor in factors if factor.points < 0}
        reasons = tuple(reason for name, reason in REJECTION_REASONS.items() if name in negative)
    else:
        reasons = (APPROVAL_REASONS[risk],)
    return Assessment(score_tenths, risk, reasons, factors, None, dsr_percent, lti)


def hard_stop(applicant: Applicant, history: History, loan: LoanRequest, dsr_percent: Fraction) -> str | None:
    """The first hard stop that applies, in the rules' order, or None."""
    if applicant.age + loan.term_months // 12 > 75:
        return "Age at loan maturity exceeds maximum allowed"
    if applicant.employment is EmploymentStatus.UNEMPLOYED:
        return "Unemployed applicants cannot be approved"
    if history.max_days_overdue > 30:
        return "Severe payment delinquency in credit history"
    if history.delayed_payments >= 3:
        return "Multiple payment failures in recent history"
    if dsr_percent > 70:
        return "Total debt burden exceeds regulatory limit"
    return None


def age_points(age: int) -> int:
    if age < 21:
        return -10
    if age <= 30:
        return 0
    if age <= 50:
        return 5
    if age <= 65:
        return 2
    return -5


def history_points(history: History) -> int:
    points = 5 if history.approved >= 3 else 2 if history.approved >= 1 else 0
    if history.rejected > history.approved:
        points -= 4
    points -= 3 * history.delayed_payments
    if history.max_days_overdue > 15:
        points -= 4
    return points


def dsr_points(dsr_percent: Fraction) -> int:
    if dsr_percent <= 20:
        return 6
    if dsr_percent <= 35:
        return 3
    if dsr_percent <= 50:
        return -3
    if dsr_percent <= 60:
        return -7
    return -10


def lti_points(lti: Fraction) -> int:
    if lti <= Fraction(1, 2):
        return 5
    if lti <= 1:
        return 2
    if lti <= 2:
        return -3
    return -7


def behaviour_points(history: History) -> int:
    if history.delayed_payments == 0 and history.max_days_overdue == 0:
        return 5
    points = -4 if history.delayed_payments > 0 else 0
    if history.max_days_overdue > 15:
        points -= 3
    return points


def risk_of(score_tenths: int) -> Risk:
    if score_tenths >= 800:
        return Risk.LOW
    if score_tenths >= 500:
        return Risk.MEDIUM
    return Risk.HIGH


def generate_offer(loan: LoanRequest, score_tenths: int, risk: Risk, products: Sequence[Product]) -> Offer:
    validate_offer_request(loan, score_tenths, products)
    if risk is Risk.HIGH:
        raise NoOffer("no offer is made at HIGH risk")
    product = best_product(loan, products)
    if product is None:
        raise NoOffer(f"no active {loan.purpose} product takes this amount and term")
    rate = offer_rate(product, score_tenths)
    return Offer(
        product_id=product.id,
        amount=loan.amount,
        term_months=loan.term_months,
        rate_hundredths=rate,
        effective_rate_hundredths=effective_rate(rate),
        monthly_payment=Money(monthly_payment(loan.amount.amount, rate, loan.term_months), loan.amount.currency),
        lifetime_days=lifetime_days(score_tenths, loan.amount, risk, product.purpose),
    )


def best_product(loan: LoanRequest, products: Sequence[Product]) -> Product | None:
    """The fitting product with the lowest minimum rate (ties: code, then version, so the choice is stable)."""
    fitting = [product for product in products if product.fits(loan)]
    return min(fitting, key=lambda p: (p.rate_min_hundredths, p.code, p.version), default=None)


def offer_rate(product: Product, score_tenths: int) -> int:
    """rate_min + (rate_max - rate_min) x (1 - score/100), in hundredths of a percent."""
    spread = product.rate_max_hundredths - product.rate_min_hundredths
    return round_half_up(product.rate_min_hundredths + spread * Fraction(MAX_SCORE_TENTHS - score_tenths, 1000))


def monthly_rate(rate_hundredths: int) -> Fraction:
    """The nominal annual rate, in hundredths of a percent, as a monthly fraction (1200 -> 0.01)."""
    return Fraction(rate_hundredths, 100 * 100 * 12)


def effective_rate(rate_hundredths: int) -> int:
    """(1 + r/12)^12 - 1 in hundredths of a percent."""
    return round_half_up(((1 + monthly_rate(rate_hundredths)) ** 12 - 1) * 100 * 100)


def monthly_payment(principal: int, rate_hundredths: int, term_months: int) -> int:
    """The annuity A = P*r(1+r)^n / ((1+r)^n - 1), or P/n at a zero rate, rounded half up to the minor unit."""
    r = monthly_rate(rate_hundredths)
    if r == 0:
        return round_half_up(Fraction(principal, term_months))
    growth = (1 + r) ** term_months
    return round_half_up(principal * r * growth / (growth - 1))


SCORE_MULTIPLIERS = ((900, Fraction("1.5")), (800, Fraction("1.3")), (700, Fraction("1.1")), (600, Fraction(1)))
PURPOSE_MULTIPLIERS = {
    Purpose.OVERDRAFT: Fraction("0.3"),
    Purpose.CONSUMER: Fraction("0.7"),
    Purpose.AUTO: Fraction("1.5"),
    Purpose.MORTGAGE: Fraction("1.5"),
}


def lifetime_days(score_tenths: int, amount: Money, risk: Risk, purpose: Purpose) -> int:
    """round(7 x score x amount x risk x product multipliers), clamped to 1-20 days."""
    by_score = next((m for floor, m in SCORE_MULTIPLIERS if score_tenths >= floor), Fraction("0.7"))
    major = Fraction(amount.amount, 10 ** MINOR_UNIT_DIGITS[amount.currency])
    by_amount = Fraction("0.7") if major >= 5_000_000 else Fraction("0.85") if major >= 1_000_000 else Fraction(1)
    by_risk = Fraction("1.2") if risk is Risk.LOW else Fraction(1)
    days = round_half_up(7 * by_score * by_amount * by_risk * PURPOSE_MULTIPLIERS.get(purpose, Fraction(1)))
    return min(max(days, 1), 20)


def validate_loan(loan: LoanRequest) -> None:
    if loan.amount.currency not in MINOR_UNIT_DIGITS:
        raise InvalidArgument(f"unsupported currency {loan.amount.currency!r}")
    if not 1 <= loan.amount.amount <= MAX_AMOUNT:
        raise InvalidArgument(f"amount must be between 1 and {MAX_AMOUNT} minor units")
    if not 1 <= loan.term_months <= MAX_TERM_MONTHS:
        raise InvalidArgument(f"term must be between 1 and {MAX_TERM_MONTHS} months")


def validate_assessment(applicant: Applicant, history: History, loan: LoanRequest) -> None:
    validate_loan(loan)
    if not MIN_AGE <= applicant.age <= MAX_AGE:
        raise InvalidArgument(f"age must be between {MIN_AGE} and {MAX_AGE}")
    if not (0 <= applicant.annual_income <= MAX_AMOUNT and 0 <= applicant.monthly_debt <= MAX_AMOUNT):
        raise InvalidArgument(f"income and debt must be between 0 and {MAX_AMOUNT} minor units")
    counts = (history.approved, history.rejected, history.pending, history.payments, history.delayed_payments)
    if min(*counts, history.max_days_overdue, history.active_offers, history.outstanding_debt) < 0:
        raise InvalidArgument("history counts cannot be negative")


def validate_offer_request(loan: LoanRequest, score_tenths: int, products: Sequence[Product]) -> None:
    validate_loan(loan)
    if not 0 <= score_tenths <= MAX_SCORE_TENTHS:
        raise InvalidArgument("score must be between 0 and 100")
    if not products:
        raise InvalidArgument("at least one product is needed")
    for product in products:
        if not 0 <= product.rate_min_hundredths <= product.rate_max_hundredths <= MAX_RATE_HUNDREDTHS:
            raise InvalidArgument(f"product {product.code}: rates must be 0 <= min <= max <= 100 %")
        if not 1 <= product.min_term_months <= product.max_term_months <= MAX_TERM_MONTHS:
            raise InvalidArgument(f"product {product.code}: terms must be 1 <= min <= max <= {MAX_TERM_MONTHS}")
        if not 1 <= product.min_amount.amount <= product.max_amount.amount <= MAX_AMOUNT:
            raise InvalidArgument(f"product {product.code}: amounts must be 1 <= min <= max <= {MAX_AMOUNT}")
