"""The scoring rules, each hard stop, band edge, weight, multiplier and clamp, through `assess` and `generate_offer`."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

import pytest

from services.platform.errors import InvalidArgument
from services.platform.money import Money
from services.scoring.rules import (
    RULES_VERSION,
    Applicant,
    Assessment,
    EmploymentStatus,
    History,
    LoanRequest,
    NoOffer,
    Product,
    Purpose,
    Risk,
    assess,
    effective_rate,
    generate_offer,
    lifetime_days,
    monthly_payment,
    risk_of,
)

INCOME = 1_200_000  # 12,000.00 a year: 1,000.00 a month
APPLICANT = Applicant(age=35, employment=EmploymentStatus.EMPLOYED, annual_income=INCOME, monthly_debt=10_000)
LOAN = LoanRequest(Money(100_000, "USD"), 12, Purpose.CONSUMER)


def assessed(applicant: dict[str, Any] | None = None, history: dict[str, Any] | None = None, **loan: Any) -> Assessment:
    """The baseline (35, employed, DSR 10 %, LTI 0.083, no history: 80.9 LOW) with the given changes."""
    if "amount" in loan:
        loan["amount"] = Money(loan["amount"], "USD")
    return assess(
        dataclasses.replace(APPLICANT, **(applicant or {})),
        History(**(history or {})),
        dataclasses.replace(LOAN, **loan),
    )


def points(assessment: Assessment, name: str) -> int:
    return next(factor.points for factor in assessment.factors if factor.name == name)


def test_the_baseline_adds_every_weighted_factor_to_50() -> None:
    baseline = assessed()
    # 50 + 1.0*5 + 1.1*6 + 0.9*0 + 1.0*0 + 1.3*6 + 1.1*5 + 1.2*5
    assert baseline.score_tenths == 809
    assert (baseline.risk, baseline.approved, baseline.reasons) == (
        Risk.LOW,
        True,
        ("Excellent profile with low risk",),
    )
    assert {f.name: (f.points, f.weight_tenths, f.contribution_tenths) for f in baseline.factors} == {
        "age": (5, 10, 50),
        "employment": (6, 11, 66),
        "purpose": (0, 9, 0),
        "history": (0, 10, 0),
        "dsr": (6, 13, 78),
        "lti": (5, 11, 55),
        "behaviour": (5, 12, 60),
    }
    assert (baseline.hard_stop, baseline.rules_version) == (None, RULES_VERSION)
    assert (baseline.dsr_percent, baseline.lti) == (Fraction(10), Fraction(1, 12))


@pytest.mark.parametrize(
    ("age", "expected"), [(20, -10), (21, 0), (30, 0), (31, 5), (50, 5), (51, 2), (65, 2), (66, -5)]
)
def test_age_bands(age: int, expected: int) -> None:
    assert points(assessed({"age": age}), "age") == expected


@pytest.mark.parametrize(("status", "expected"), [(EmploymentStatus.EMPLOYED, 6), (EmploymentStatus.SELF_EMPLOYED, 2)])
def test_employment_points(status: EmploymentStatus, expected: int) -> None:
    assert points(assessed({"employment": status}), "employment") == expected


@pytest.mark.parametrize(
    ("purpose", "expected"),
    [
        (Purpose.MORTGAGE, 7),
        (Purpose.AUTO, 4),
        (Purpose.REFINANCE, 5),
        (Purpose.SECURED, 5),
        (Purpose.CONSUMER, 0),
        (Purpose.UNSECURED, -4),
        (Purpose.BUSINESS, -3),
        (Purpose.EDUCATION, 2),
        (Purpose.MEDICAL, 3),
        (Purpose.OVERDRAFT, -6),
    ],
)
def test_purpose_points(purpose: Purpose, expected: int) -> None:
    assert points(assessed(purpose=purpose), "purpose") == expected


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ({}, 0),
        ({"approved": 1}, 2),
        ({"approved": 2}, 2),
        ({"approved": 3}, 5),
        ({"rejected": 1}, -4),
        ({"rejected": 1, "approved": 1}, 2),
        ({"rejected": 4, "approved": 3}, 1),
        ({"delayed_payments": 2}, -6),
        ({"max_days_overdue": 15}, 0),
        ({"max_days_overdue": 16}, -4),
        ({"approved": 3, "delayed_payments": 1, "max_days_overdue": 20}, -2),
    ],
)
def test_history_points(history: dict[str, int], expected: int) -> None:
    assert points(assessed(history=history), "history") == expected


@pytest.mark.parametrize(
    ("monthly_debt", "expected"),
    [
        (20_000, 6),  # DSR 20 %
        (20_001, 3),
        (35_000, 3),
        (35_001, -3),
        (50_000, -3),
        (50_001, -7),
        (60_000, -7),
        (60_001, -10),
        (70_000, -10),  # 70 % exactly is no hard stop
    ],
)
def test_dsr_bands(monthly_debt: int, expected: int) -> None:
    assessment = assessed({"monthly_debt": monthly_debt})
    assert (points(assessment, "dsr"), assessment.hard_stop) == (expected, None)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(600_000, 5), (600_001, 2), (1_200_000, 2), (1_200_001, -3), (2_400_000, -3), (2_400_001, -7)],
)
def test_lti_bands(amount: int, expected: int) -> None:
    assert points(assessed(amount=amount), "lti") == expected


def test_no_income_gives_ratios_of_zero() -> None:
    assessment = assessed({"annual_income": 0, "monthly_debt": 50_000})
    assert (assessment.dsr_percent, assessment.lti) == (Fraction(0), Fraction(0))
    assert (points(assessment, "dsr"), points(assessment, "lti")) == (6, 5)


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ({}, 5),
        ({"delayed_payments": 1}, -4),
        ({"max_days_overdue": 10}, 0),
        ({"max_days_overdue": 16}, -3),
        ({"delayed_payments": 1, "max_days_overdue": 16}, -7),
    ],
)
def test_behaviour_points(history: dict[str, int], expected: int) -> None:
    assert points(assessed(history=history), "behaviour") == expected


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"applicant": {"age": 70}, "term_months": 72}, "Age at loan maturity exceeds maximum allowed"),
        ({"applicant": {"employment": EmploymentStatus.UNEMPLOYED}}, "Unemployed applicants cannot be approved"),
        ({"history": {"max_days_overdue": 31}}, "Severe payment delinquency in credit history"),
        ({"history": {"delayed_payments": 3}}, "Multiple payment failures in recent history"),
        ({"applicant": {"monthly_debt": 70_001}}, "Total debt burden exceeds regulatory limit"),
    ],
)
def test_each_hard_stop_rejects_with_score_zero_and_its_reason(changes: dict[str, Any], reason: str) -> None:
    assessment = assessed(**changes)
    assert (assessment.score_tenths, assessment.risk, assessment.approved) == (0, Risk.HIGH, False)
    assert (assessment.reasons, assessment.hard_stop) == ((reason,), reason)
    assert len(assessment.factors) == 7  # kept for the record


@pytest.mark.parametrize(
    "changes",
    [
        {"applicant": {"age": 70}, "term_months": 71},  # 70 + 5 = 75
        {"history": {"max_days_overdue": 30}},
        {"history": {"delayed_payments": 2}},
    ],
)
def test_hard_stops_start_past_their_limits(changes: dict[str, Any]) -> None:
    assert assessed(**changes).hard_stop is None


def test_the_first_hard_stop_in_the_rules_order_is_the_one_given() -> None:
    both = assessed({"age": 70, "employment": EmploymentStatus.UNEMPLOYED}, term_months=72)
    assert both.reasons == ("Age at loan maturity exceeds maximum allowed",)


def test_the_score_is_clamped_at_zero_and_a_rejection_names_each_negative_factor_in_order() -> None:
    worst = assessed(
        {"age": 20, "employment": EmploymentStatus.SELF_EMPLOYED, "monthly_debt": 65_000},
        {"rejected": 1, "delayed_payments": 2, "max_days_overdue": 20},
        amount=3_000_000,
        purpose=Purpose.OVERDRAFT,
    )
    assert (worst.score_tenths, worst.risk, worst.hard_stop) == (0, Risk.HIGH, None)
    assert sum(f.contribution_tenths for f in worst.factors) < -500
    assert worst.reasons == (
        "High DSR/DTI",
        "High loan-to-income",
        "Negative credit history indicators",
        "Risky loan purpose",
        "Past payment behavior concerns",
    )


def test_a_medium_score_is_approved_as_acceptable() -> None:
    medium = assessed({"employment": EmploymentStatus.SELF_EMPLOYED, "monthly_debt": 30_000}, purpose=Purpose.BUSINESS)
    # 50 + 5 + 1.1*2 + 0.9*-3 + 0 + 1.3*3 + 1.1*5 + 1.2*5
    assert (medium.score_tenths, medium.risk, medium.reasons) == (699, Risk.MEDIUM, ("Acceptable risk level",))


def test_a_rejection_without_a_hard_stop_lists_only_the_negative_factors() -> None:
    rejected = assessed({"age": 20, "monthly_debt": 55_000}, {"delayed_payments": 2}, purpose=Purpose.UNSECURED)
    # 50 - 10 + 6.6 - 3.6 - 6 - 9.1 + 5.5 - 4.8
    assert (rejected.score_tenths, rejected.risk) == (286, Risk.HIGH)
    assert rejected.reasons == (
        "High DSR/DTI",
        "Negative credit history indicators",
        "Risky loan purpose",
        "Past payment behavior concerns",
    )


@pytest.mark.parametrize(
    ("score_tenths", "risk"),
    [(1000, Risk.LOW), (800, Risk.LOW), (799, Risk.MEDIUM), (500, Risk.MEDIUM), (499, Risk.HIGH)],
)
def test_risk_bands(score_tenths: int, risk: Risk) -> None:
    assert risk_of(score_tenths) is risk


@pytest.mark.parametrize(
    "changes",
    [
        {"amount": 0},
        {"term_months": 0},
        {"term_months": 361},
        {"applicant": {"age": 17}},
        {"applicant": {"age": 101}},
        {"applicant": {"annual_income": -1}},
        {"history": {"delayed_payments": -1}},
    ],
)
def test_input_outside_the_rules_domain_is_invalid(changes: dict[str, Any]) -> None:
    with pytest.raises(InvalidArgument):
        assessed(**changes)


def test_the_edges_of_the_domain_are_valid() -> None:
    assert assessed({"age": 18}, amount=1, term_months=1).score_tenths > 0
    assert assessed({"age": 100}, term_months=360).hard_stop == "Age at loan maturity exceeds maximum allowed"


# Offers


def product(**changes: Any) -> Product:
    base = Product(
        id="p1",
        code="CASH",
        version=1,
        purpose=Purpose.CONSUMER,
        min_amount=Money(10_000, "USD"),
        max_amount=Money(10_000_000, "USD"),
        min_term_months=3,
        max_term_months=60,
        rate_min_hundredths=1000,
        rate_max_hundredths=2000,
    )
    return dataclasses.replace(base, **changes)


def test_an_offer_prices_the_request_from_the_score() -> None:
    offer = generate_offer(LOAN, 809, Risk.LOW, [product()])
    assert offer.product_id == "p1"
    assert (offer.amount, offer.term_months) == (LOAN.amount, LOAN.term_months)
    assert offer.rate_hundredths == 1191  # 10 + 10 x (1 - 0.809) = 11.91 %
    assert offer.effective_rate_hundredths == 1258  # (1 + 0.1191/12)^12 - 1 = 12.58 %
    assert offer.monthly_payment == Money(monthly_payment(100_000, 1191, 12), "USD")
    assert offer.lifetime_days == 8  # 7 x 1.3 (score) x 1 (amount) x 1.2 (LOW) x 0.7 (CONSUMER) = 7.644
    assert offer.rules_version == RULES_VERSION


def test_the_rate_rounds_half_up_to_two_decimals() -> None:
    assert generate_offer(LOAN, 500, Risk.MEDIUM, [product(rate_max_hundredths=1001)]).rate_hundredths == 1001
    assert generate_offer(LOAN, 1000, Risk.LOW, [product()]).rate_hundredths == 1000
    assert generate_offer(LOAN, 0, Risk.MEDIUM, [product()]).rate_hundredths == 2000


def test_the_fitting_product_with_the_lowest_minimum_rate_is_chosen() -> None:
    candidates = [
        product(id="dear", rate_min_hundredths=1500),
        product(id="cheap", rate_min_hundredths=900),
        product(id="off", rate_min_hundredths=100, active=False),
        product(id="car", rate_min_hundredths=100, purpose=Purpose.AUTO),
        product(id="small", rate_min_hundredths=100, max_amount=Money(99_999, "USD")),
        product(id="big", rate_min_hundredths=100, min_amount=Money(100_001, "USD")),
        product(id="short", rate_min_hundredths=100, max_term_months=11),
        product(id="long", rate_min_hundredths=100, min_term_months=13),
        product(id="euro", rate_min_hundredths=100, min_amount=Money(1, "EUR"), max_amount=Money(10**9, "EUR")),
    ]
    assert generate_offer(LOAN, 700, Risk.MEDIUM, candidates).product_id == "cheap"


def test_no_offer_at_high_risk_or_when_nothing_fits() -> None:
    with pytest.raises(NoOffer):
        generate_offer(LOAN, 400, Risk.HIGH, [product()])
    with pytest.raises(NoOffer):
        generate_offer(LOAN, 700, Risk.MEDIUM, [product(purpose=Purpose.AUTO)])


@pytest.mark.parametrize(
    ("score_tenths", "products"),
    [
        (1001, [product()]),
        (-1, [product()]),
        (700, []),
        (700, [product(rate_max_hundredths=10_001)]),
        (700, [product(rate_min_hundredths=2001)]),
        (700, [product(min_term_months=0)]),
        (700, [product(max_amount=Money(1, "USD"))]),
    ],
)
def test_an_offer_request_outside_the_domain_is_invalid(score_tenths: int, products: list[Product]) -> None:
    with pytest.raises(InvalidArgument):
        generate_offer(LOAN, score_tenths, Risk.MEDIUM, products)


def test_the_annuity_of_the_golden_case() -> None:
    assert monthly_payment(1_000_000, 1200, 12) == 88_849  # 10,000.00 at 12 % over 12 months: 888.49


def test_a_zero_rate_pays_the_principal_in_equal_parts_rounded_half_up() -> None:
    assert monthly_payment(1_000, 0, 3) == 333
    assert monthly_payment(1_001, 0, 2) == 501


def test_the_effective_rate_compounds_monthly() -> None:
    assert effective_rate(1200) == 1268  # 12.68 %
    assert effective_rate(0) == 0


def days(
    score_tenths: int = 600, amount: int = 100_000, risk: Risk = Risk.MEDIUM, purpose: Purpose = Purpose.EDUCATION
) -> int:
    return lifetime_days(score_tenths, Money(amount, "USD"), risk, purpose)


@pytest.mark.parametrize(
    ("score_tenths", "expected"),
    [(900, 11), (899, 9), (800, 9), (799, 8), (700, 8), (699, 7), (600, 7), (599, 5)],  # 10.5, 9.1, 7.7, 7, 4.9
)
def test_lifetime_by_score(score_tenths: int, expected: int) -> None:
    assert days(score_tenths=score_tenths) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(500_000_000, 5), (499_999_999, 6), (100_000_000, 6), (99_999_999, 7)],  # 4.9, 5.95, 7
)
def test_lifetime_by_amount_in_major_units(amount: int, expected: int) -> None:
    assert days(amount=amount) == expected


def test_lifetime_by_amount_counts_major_units_of_the_currency() -> None:
    assert lifetime_days(600, Money(5_000_000, "JPY"), Risk.MEDIUM, Purpose.EDUCATION) == 5


@pytest.mark.parametrize(
    ("risk", "purpose", "expected"),
    [
        (Risk.LOW, Purpose.EDUCATION, 8),  # 8.4
        (Risk.MEDIUM, Purpose.OVERDRAFT, 2),  # 2.1
        (Risk.MEDIUM, Purpose.CONSUMER, 5),  # 4.9
        (Risk.MEDIUM, Purpose.AUTO, 11),  # 10.5
        (Risk.MEDIUM, Purpose.MORTGAGE, 11),
        (Risk.MEDIUM, Purpose.MEDICAL, 7),
    ],
)
def test_lifetime_by_risk_and_product(risk: Risk, purpose: Purpose, expected: int) -> None:
    assert days(risk=risk, purpose=purpose) == expected


def test_the_longest_and_shortest_lifetimes_the_rules_give_stay_within_one_to_twenty_days() -> None:
    assert days(score_tenths=950, risk=Risk.LOW, purpose=Purpose.MORTGAGE) == 19  # 18.9: the longest the rules give
    assert days(score_tenths=500, amount=900_000_000, purpose=Purpose.OVERDRAFT) == 1  # 1.029
