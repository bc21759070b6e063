"""The notifications credit's events become: assessments, offers, loans paid in or closed, instalments."""

from __future__ import annotations

import uuid

from agora.common.v1.money_pb2 import Money as MoneyMessage
from agora.credit.v1 import credit_pb2 as credit_pb
from agora.events.v1.credit_pb2 import (
    ApplicationStatusChanged,
    LoanStatusChanged,
    OfferStatusChanged,
    PaymentStatusChanged,
)
from agora.scoring.v1 import scoring_pb2 as scoring_pb
from services.notifications.domain import Draft
from services.platform.events import Event
from services.platform.proto_enums import member_name


def _money(money: MoneyMessage) -> str:
    return f"{money.amount} {money.currency}"


def assessment(event: Event) -> list[Draft]:
    """An application's current revision was assessed (approved, an offer may follow, or rejected), or it was
    withdrawn."""
    changed = event.payload
    assert isinstance(changed, ApplicationStatusChanged)
    application = changed.application
    status = member_name(credit_pb.ApplicationStatus, application.status, "APPLICATION_STATUS_")
    if not application.active:
        return [
            Draft(
                user_id=uuid.UUID(application.user_id),
                kind="credit_application_withdrawn",
                title="Your credit application was withdrawn",
                body="",
                data={"application_id": application.id, "status": status},
            )
        ]
    if status == "APPROVED" or not application.HasField("assessment"):
        return []  # a revision waiting for its assessment, or an acceptance (its offer tells)
    result = application.assessment.result
    verdict = "approved" if result.approved else "rejected"
    return [
        Draft(
            user_id=uuid.UUID(application.user_id),
            kind="credit_assessment",
            title=f"Your credit application was {verdict}",
            body="; ".join(result.reasons),
            data={
                "application_id": application.id,
                "revision": str(application.assessment.revision),
                "status": status,
                "approved": str(result.approved).lower(),
                "score": f"{result.score_tenths / 10:.1f}",
                "risk": member_name(scoring_pb.RiskBand, result.risk, "RISK_BAND_"),
            },
        )
    ]


def offer(event: Event) -> list[Draft]:
    changed = event.payload
    assert isinstance(changed, OfferStatusChanged)
    made = changed.offer
    status = member_name(credit_pb.OfferStatus, made.status, "OFFER_STATUS_")
    title = (
        f"You have a credit offer: {_money(made.amount)} at {made.rate_hundredths / 100:.2f} %"
        if status == "PROPOSED"
        else f"Your credit offer is {status.lower()}"
    )
    return [
        Draft(
            user_id=uuid.UUID(made.user_id),
            kind="credit_offer",
            title=title,
            body=f"{made.term_months} monthly payments of {_money(made.monthly_payment)}",
            data={
                "offer_id": made.id,
                "application_id": made.application_id,
                "status": status,
                "expires_at": made.expires_at.ToDatetime().isoformat() + "Z",
            },
        )
    ]


def loan(event: Event) -> list[Draft]:
    changed = event.payload
    assert isinstance(changed, LoanStatusChanged)
    status = member_name(credit_pb.LoanStatus, changed.loan.status, "LOAN_STATUS_")
    title = {"ACTIVE": f"{_money(changed.loan.principal)} is in your wallet", "CLOSED": "Your loan is repaid"}
    if status not in title:
        return []
    return [
        Draft(
            user_id=uuid.UUID(changed.loan.user_id),
            kind="loan_status",
            title=title[status],
            body="",
            data={"loan_id": changed.loan.id, "status": status},
        )
    ]


def payment(event: Event) -> list[Draft]:
    changed = event.payload
    assert isinstance(changed, PaymentStatusChanged)
    instalment = changed.payment
    status = "DUE" if changed.due else member_name(credit_pb.PaymentStatus, instalment.status, "PAYMENT_STATUS_")
    title = {
        "DUE": f"Instalment {instalment.number} of {_money(instalment.amount)} is due",
        "COMPLETED": f"Instalment {instalment.number} of {_money(instalment.amount)} is paid",
        "DELAYED": f"Instalment {instalment.number} could not be collected: top up your wallet",
        "FAILED": f"Instalment {instalment.number} failed",
        "CANCELED": f"Instalment {instalment.number} was cancelled",
    }
    if status not in title:
        return []
    return [
        Draft(
            user_id=uuid.UUID(changed.user_id),
            kind="loan_payment",
            title=title[status],
            body="",
            data={
                "loan_id": changed.loan_id,
                "payment_id": instalment.id,
                "number": str(instalment.number),
                "status": status,
                "due_on": instalment.due_on,
            },
        )
    ]
