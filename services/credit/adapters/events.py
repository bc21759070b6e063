"""credit's outgoing events, as envelopes for the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from agora.events.v1 import credit_pb2 as events
from agora.events.v1.envelope_pb2 import Envelope
from agora.scoring.v1 import scoring_pb2 as scoring_pb
from services.credit.domain import Application, Assessment, Loan, Offer, Payment
from services.credit.messages import application_message, loan_message, offer_message, payment_message
from services.platform.events import wrap
from services.platform.money import Money
from services.scoring.entrypoints.messages import money_message

PRODUCER = "credit"


def assessment_requested(
    application: Application, request: scoring_pb.AssessRequest, products: Sequence[scoring_pb.CreditProduct]
) -> Envelope:
    return wrap(
        events.AssessmentRequested(
            application_id=str(application.id),
            revision=application.revision,
            user_id=str(application.user_id),
            request=request,
            products=products,
        ),
        producer=PRODUCER,
    )


def assessment_completed(
    application: Application,
    revision: int,
    request: scoring_pb.AssessRequest,
    result: scoring_pb.AssessResponse,
    offer: scoring_pb.Offer | None,
    causation_id: str,
) -> Envelope:
    completed = events.AssessmentCompleted(
        application_id=str(application.id),
        revision=revision,
        user_id=str(application.user_id),
        request=request,
        result=result,
    )
    if offer is not None:
        completed.offer.CopyFrom(offer)
    return wrap(completed, producer=PRODUCER, causation_id=causation_id)


def application_status_changed(
    application: Application, assessment: Assessment | None, offers: Sequence[Offer], now: datetime
) -> Envelope:
    message = application_message(application, assessment, offers, now)
    return wrap(events.ApplicationStatusChanged(application=message), producer=PRODUCER)


def offer_status_changed(offer: Offer, now: datetime) -> Envelope:
    return wrap(events.OfferStatusChanged(offer=offer_message(offer, now)), producer=PRODUCER)


def loan_disbursement_requested(loan: Loan) -> Envelope:
    requested = events.LoanDisbursementRequested(
        loan_id=str(loan.id), user_id=str(loan.user_id), amount=money_message(loan.principal)
    )
    return wrap(requested, producer=PRODUCER)


def loan_status_changed(loan: Loan) -> Envelope:
    return wrap(events.LoanStatusChanged(loan=loan_message(loan, with_payments=False)), producer=PRODUCER)


def instalment_collection_requested(loan: Loan, payment: Payment) -> Envelope:
    requested = events.InstalmentCollectionRequested(
        payment_id=str(payment.id),
        loan_id=str(loan.id),
        user_id=str(loan.user_id),
        amount=money_message(Money(payment.amount, loan.principal.currency)),
        attempt=payment.attempts,
    )
    return wrap(requested, producer=PRODUCER)


def payment_status_changed(loan: Loan, payment: Payment, *, due: bool = False) -> Envelope:
    changed = events.PaymentStatusChanged(
        loan_id=str(loan.id),
        user_id=str(loan.user_id),
        payment=payment_message(payment, loan.principal.currency),
        due=due,
    )
    return wrap(changed, producer=PRODUCER)
