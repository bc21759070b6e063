"""Translations between the scoring rules' types and agora.scoring.v1's messages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from agora.common.v1.money_pb2 import Money as MoneyMessage
from agora.scoring.v1 import scoring_pb2 as pb
from services.platform.errors import InvalidArgument
from services.platform.money import Money
from services.scoring.rules import (
    Applicant,
    Assessment,
    EmploymentStatus,
    History,
    LoanRequest,
    Offer,
    Product,
    Purpose,
    Risk,
)

EMPLOYMENT = {pb.EmploymentStatus.Value(f"EMPLOYMENT_STATUS_{status.value}"): status for status in EmploymentStatus}
PURPOSES = {pb.LoanPurpose.Value(f"LOAN_PURPOSE_{purpose.value}"): purpose for purpose in Purpose}
RISKS = {pb.RiskBand.Value(f"RISK_BAND_{risk.value}"): risk for risk in Risk}
RISK_MESSAGES = {risk: value for value, risk in RISKS.items()}

T = TypeVar("T")


def known(table: Mapping[Any, T], value: int, what: str) -> T:
    """The member a protobuf enum value names; UNSPECIFIED or a value from a newer contract is invalid."""
    if value not in table:
        raise InvalidArgument(f"{what} is required")
    return table[value]


def money_of(message: MoneyMessage) -> Money:
    return Money(message.amount, message.currency)


def money_message(money: Money) -> MoneyMessage:
    return MoneyMessage(amount=money.amount, currency=money.currency)


def loan_of(message: pb.LoanRequest) -> LoanRequest:
    return LoanRequest(money_of(message.amount), message.term_months, known(PURPOSES, message.purpose, "purpose"))


def in_currency(message: MoneyMessage, currency: str, what: str) -> int:
    if message.amount and message.currency != currency:
        raise InvalidArgument(f"{what} must be in the loan's currency {currency}")
    return message.amount


def assessment_inputs(request: pb.AssessRequest) -> tuple[Applicant, History, LoanRequest]:
    loan = loan_of(request.loan)
    currency = loan.amount.currency
    applicant = Applicant(
        age=request.applicant.age,
        employment=known(EMPLOYMENT, request.applicant.employment_status, "employment status"),
        annual_income=in_currency(request.applicant.annual_income, currency, "annual income"),
        monthly_debt=in_currency(request.applicant.monthly_debt, currency, "monthly debt"),
    )
    past = request.history
    history = History(
        approved=past.approved_applications,
        rejected=past.rejected_applications,
        pending=past.pending_applications,
        payments=past.payments_last_12_months,
        delayed_payments=past.delayed_payments_last_12_months,
        max_days_overdue=past.max_days_overdue_last_12_months,
        active_offers=past.active_offers,
        outstanding_debt=in_currency(past.outstanding_debt, currency, "outstanding debt"),
    )
    return applicant, history, loan


def assessment_message(assessment: Assessment) -> pb.AssessResponse:
    return pb.AssessResponse(
        score_tenths=assessment.score_tenths,
        risk=RISK_MESSAGES[assessment.risk],
        approved=assessment.approved,
        reasons=assessment.reasons,
        factors=[
            pb.Factor(
                name=factor.name,
                points=factor.points,
                weight_tenths=factor.weight_tenths,
                contribution_tenths=factor.contribution_tenths,
            )
            for factor in assessment.factors
        ],
        hard_stop=assessment.hard_stop or "",
        dsr_hundredths=round(assessment.dsr_percent * 100),
        lti_thousandths=round(assessment.lti * 1000),
        rules_version=assessment.rules_version,
    )


def product_of(message: pb.CreditProduct) -> Product:
    return Product(
        id=message.id,
        code=message.code,
        version=message.version,
        purpose=known(PURPOSES, message.purpose, "product purpose"),
        min_amount=money_of(message.min_amount),
        max_amount=money_of(message.max_amount),
        min_term_months=message.min_term_months,
        max_term_months=message.max_term_months,
        rate_min_hundredths=message.rate_min_hundredths,
        rate_max_hundredths=message.rate_max_hundredths,
        active=message.active,
    )


def offer_message(offer: Offer) -> pb.Offer:
    return pb.Offer(
        product_id=offer.product_id,
        amount=money_message(offer.amount),
        term_months=offer.term_months,
        rate_hundredths=offer.rate_hundredths,
        effective_rate_hundredths=offer.effective_rate_hundredths,
        monthly_payment=money_message(offer.monthly_payment),
        lifetime_days=offer.lifetime_days,
        rules_version=offer.rules_version,
    )
