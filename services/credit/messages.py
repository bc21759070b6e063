"""Translations between credit's domain and agora.credit.v1's messages (the gRPC servicer's and the events')."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from agora.credit.v1 import credit_pb2 as pb
from agora.scoring.v1 import scoring_pb2 as scoring_pb
from services.credit.domain import (
    Application,
    ApplicationNotFound,
    ApplicationStatus,
    Assessment,
    Loan,
    LoanNotFound,
    LoanStatus,
    Offer,
    OfferNotFound,
    OfferStatus,
    Payment,
    PaymentStatus,
    Profile,
    current_offer,
)
from services.platform.errors import InvalidArgument
from services.platform.ids import id_named
from services.platform.money import Money
from services.scoring.entrypoints.messages import EMPLOYMENT, PURPOSES, known, money_message
from services.scoring.rules import EmploymentStatus, Product, Purpose

APPLICATION_STATUSES = {
    status: pb.ApplicationStatus.Value(f"APPLICATION_STATUS_{status.value}") for status in ApplicationStatus
}
OFFER_STATUSES = {status: pb.OfferStatus.Value(f"OFFER_STATUS_{status.value}") for status in OfferStatus}
LOAN_STATUSES = {status: pb.LoanStatus.Value(f"LOAN_STATUS_{status.value}") for status in LoanStatus}
PAYMENT_STATUSES = {status: pb.PaymentStatus.Value(f"PAYMENT_STATUS_{status.value}") for status in PaymentStatus}
EMPLOYMENT_MESSAGES = {status: value for value, status in EMPLOYMENT.items()}
PURPOSE_MESSAGES = {purpose: value for value, purpose in PURPOSES.items()}


def timestamp_of(message: Any, name: str, at: datetime | None) -> None:
    """Sets the message's timestamp field `name`, leaving it unset for None."""
    if at is not None:
        getattr(message, name).FromDatetime(at)


def application_id_of(raw: str) -> uuid.UUID:
    return id_named(raw, "application", ApplicationNotFound)


def offer_id_of(raw: str) -> uuid.UUID:
    return id_named(raw, "offer", OfferNotFound)


def loan_id_of(raw: str) -> uuid.UUID:
    return id_named(raw, "loan", LoanNotFound)


def date_of(raw: str, what: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidArgument(f"{what} must be a date as YYYY-MM-DD") from None


def employment_of(value: int) -> EmploymentStatus:
    return known(EMPLOYMENT, value, "employment status")


def purpose_of(value: int) -> Purpose:
    return known(PURPOSES, value, "purpose")


def profile_message(profile: Profile) -> pb.Profile:
    message = pb.Profile(
        user_id=str(profile.user_id),
        annual_income=money_message(profile.annual_income),
        monthly_debt=money_message(profile.monthly_debt),
        employment_status=EMPLOYMENT_MESSAGES[profile.employment],
        birth_date=profile.birth_date.isoformat(),
    )
    message.updated_at.FromDatetime(profile.updated_at)
    return message


def product_message(product: Product) -> scoring_pb.CreditProduct:
    return scoring_pb.CreditProduct(
        id=product.id,
        code=product.code,
        version=product.version,
        purpose=PURPOSE_MESSAGES[product.purpose],
        min_amount=money_message(product.min_amount),
        max_amount=money_message(product.max_amount),
        min_term_months=product.min_term_months,
        max_term_months=product.max_term_months,
        rate_min_hundredths=product.rate_min_hundredths,
        rate_max_hundredths=product.rate_max_hundredths,
        active=product.active,
    )


def assessment_message(assessment: Assessment) -> pb.Assessment:
    message = pb.Assessment(
        revision=assessment.revision, result=scoring_pb.AssessResponse.FromString(assessment.result)
    )
    message.assessed_at.FromDatetime(assessment.assessed_at)
    return message


def application_message(
    application: Application, assessment: Assessment | None, offers: Sequence[Offer], now: datetime
) -> pb.Application:
    current = current_offer(offers, now)
    message = pb.Application(
        id=str(application.id),
        user_id=str(application.user_id),
        amount=money_message(application.amount),
        term_months=application.term_months,
        purpose=PURPOSE_MESSAGES[application.purpose],
        status=APPLICATION_STATUSES[application.status],
        active=application.active,
        revision=application.revision,
        current_offer_id=str(current.id) if current else "",
    )
    if assessment is not None and assessment.revision == application.revision:
        message.assessment.CopyFrom(assessment_message(assessment))
    message.created_at.FromDatetime(application.created_at)
    message.updated_at.FromDatetime(application.updated_at)
    return message


def offer_message(offer: Offer, now: datetime) -> pb.Offer:
    """As seen now: a proposal past its expiry reads EXPIRED (and becomes it when someone tries to decide it)."""
    status = OfferStatus.EXPIRED if offer.status is OfferStatus.PROPOSED and not offer.live(now) else offer.status
    message = pb.Offer(
        id=str(offer.id),
        application_id=str(offer.application_id),
        user_id=str(offer.user_id),
        product_id=str(offer.product_id),
        amount=money_message(offer.amount),
        term_months=offer.term_months,
        rate_hundredths=offer.rate_hundredths,
        effective_rate_hundredths=offer.effective_rate_hundredths,
        monthly_payment=money_message(offer.monthly_payment),
        status=OFFER_STATUSES[status],
        rules_version=offer.rules_version,
    )
    message.expires_at.FromDatetime(offer.expires_at)
    message.created_at.FromDatetime(offer.created_at)
    timestamp_of(message, "decided_at", offer.decided_at)
    return message


def payment_message(payment: Payment, currency: str) -> pb.Payment:
    message = pb.Payment(
        id=str(payment.id),
        number=payment.number,
        due_on=payment.due_on.isoformat(),
        principal=money_message(Money(payment.principal, currency)),
        interest=money_message(Money(payment.interest, currency)),
        amount=money_message(Money(payment.amount, currency)),
        status=PAYMENT_STATUSES[payment.status],
        external_reference=payment.external_reference or "",
        attempts=payment.attempts,
        early=payment.early,
    )
    timestamp_of(message, "processed_at", payment.processed_at)
    return message


def loan_message(loan: Loan, *, with_payments: bool = True) -> pb.Loan:
    currency = loan.principal.currency
    message = pb.Loan(
        id=str(loan.id),
        offer_id=str(loan.offer_id),
        application_id=str(loan.application_id),
        user_id=str(loan.user_id),
        principal=money_message(loan.principal),
        rate_hundredths=loan.rate_hundredths,
        term_months=loan.term_months,
        monthly_payment=money_message(loan.monthly_payment),
        status=LOAN_STATUSES[loan.status],
        outstanding=money_message(Money(loan.outstanding, currency)),
        payments=[payment_message(p, currency) for p in loan.payments] if with_payments else [],
    )
    message.created_at.FromDatetime(loan.created_at)
    timestamp_of(message, "disbursed_at", loan.disbursed_at)
    return message
