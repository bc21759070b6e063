"""credit's consumers against duplicate and reordered events: each answer is applied once, and only while it is the
one the application, loan or payment waits for."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from agora.credit.v1 import credit_pb2 as credit_pb
from agora.events.v1.credit_pb2 import AssessmentRequested, InstalmentCollectionRequested, OfferStatusChanged
from agora.scoring.v1 import scoring_pb2 as scoring_pb
from services.credit.adapters.orm import audit_offers
from services.credit.adapters.unit_of_work import CreditUnitOfWork
from services.credit.assessments import Assessor
from services.credit.audit import Audit
from services.credit.collections import Collections
from services.credit.domain import ApplicationStatus, LoanStatus, OfferStatus, PaymentStatus, Profile
from services.credit.service import MIGRATIONS
from services.credit.service_layer import CreditService
from services.platform.context import Principal
from services.platform.db import Database
from services.platform.events import Event, unwrap, wrap
from services.platform.money import Money
from services.platform.outbox import outbox
from services.platform.runner import open_database
from services.platform.settings import Settings
from services.scoring.entrypoints.grpc import ScoringServicer
from services.scoring.rules import EmploymentStatus, LoanRequest, Product, Purpose

ADMIN = Principal(str(uuid.uuid4()), "admin")
ANN = Principal(str(uuid.uuid4()), "customer")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class LocalScoring:
    """scoring's servicer called in this process, with how many assessments it made."""

    def __init__(self) -> None:
        self.servicer = ScoringServicer()
        self.calls = 0

    async def assess(
        self, request: scoring_pb.AssessRequest, products: Sequence[scoring_pb.CreditProduct]
    ) -> tuple[scoring_pb.AssessResponse, scoring_pb.Offer | None]:
        self.calls += 1
        result = await self.servicer.Assess(request, None)
        offer_request = scoring_pb.GenerateOfferRequest(
            loan=request.loan, score_tenths=result.score_tenths, risk=result.risk, products=products
        )
        return result, (await self.servicer.GenerateOffer(offer_request, None)).offer


@dataclass
class Lending:
    service: CreditService
    assessor: Assessor
    collections: Collections
    database: Database
    now: list[datetime]

    async def published(self, routing_key: str) -> list[Any]:
        """The events of this kind in the outbox (no relay runs here), oldest first."""
        async with self.database.sessions() as session:
            rows = await session.execute(
                select(outbox.c.body).where(outbox.c.routing_key == routing_key).order_by(outbox.c.id)
            )
            bodies: list[bytes] = list(rows.scalars())
        return [unwrap(body) for body in bodies]


@pytest.fixture
async def lending(settings: Settings) -> AsyncIterator[Lending]:
    database = await open_database(settings, "credit", MIGRATIONS)
    now = [NOW]
    service = CreditService(lambda: CreditUnitOfWork(database), lambda: now[0])
    assessor = Assessor(service, LocalScoring(), lambda: now[0])  # type: ignore[arg-type]
    yield Lending(
        service,
        assessor,
        Collections(service, retry_after=timedelta(days=1), fail_after=timedelta(days=30)),
        database,
        now,
    )
    await database.close()


def usd(amount: int) -> Money:
    return Money(amount, "USD")


async def applied(lending: Lending) -> uuid.UUID:
    cash = Product("", "CASH", 1, Purpose.CONSUMER, usd(10_000), usd(10_000_000), 3, 60, 1000, 2000)
    await lending.service.create_product(ADMIN, cash)
    await lending.service.put_profile(
        ANN,
        None,
        lambda user_id, now: Profile(
            user_id, usd(6_000_000), usd(50_000), EmploymentStatus.EMPLOYED, date(1990, 5, 1), now
        ),
    )
    view = await lending.service.apply(ANN, LoanRequest(usd(1_000_000), 12, Purpose.CONSUMER))
    return view.application.id


async def requests(lending: Lending) -> list[tuple[str, AssessmentRequested]]:
    events = await lending.published("credit.assessment_requested")
    return [(event.id, event.payload) for event in events]


async def test_a_redelivered_request_is_answered_once(lending: Lending) -> None:
    application_id = await applied(lending)
    [(event_id, request)] = await requests(lending)

    await lending.assessor.answer(event_id, request)
    await lending.assessor.answer(event_id, request)

    assert len(await lending.service.offers(ANN, application_id)) == 1
    assert len(await lending.published("credit.assessment_completed")) == 1


async def test_the_same_revision_asked_twice_keeps_the_first_answer(lending: Lending) -> None:
    """A request asked again (the sweep) is another event of the same revision: its answer is a duplicate."""
    application_id = await applied(lending)
    [(event_id, request)] = await requests(lending)

    await lending.assessor.answer(event_id, request)
    await lending.assessor.answer(str(uuid.uuid4()), request)

    assert len(await lending.service.offers(ANN, application_id)) == 1


async def test_an_answer_for_an_older_revision_changes_nothing_in_any_order(lending: Lending) -> None:
    application_id = await applied(lending)
    await lending.service.revise(ANN, application_id, usd(2_000_000), 24)
    [(first_id, first), (second_id, second)] = await requests(lending)
    assert (first.revision, second.revision) == (1, 2)

    await lending.assessor.answer(second_id, second)  # the newer answer arrives first
    await lending.assessor.answer(first_id, first)

    view = await lending.service.application(ANN, application_id)
    assert (view.application.revision, view.application.status) == (2, ApplicationStatus.REVIEWING)
    assert view.assessment is not None
    assert view.assessment.revision == 2
    [offer] = view.offers
    assert (offer.amount, offer.term_months, offer.status) == (usd(2_000_000), 24, OfferStatus.PROPOSED)


async def test_an_answer_after_the_application_was_withdrawn_proposes_nothing(lending: Lending) -> None:
    application_id = await applied(lending)
    await lending.service.withdraw(ANN, application_id)
    [(event_id, request)] = await requests(lending)

    await lending.assessor.answer(event_id, request)

    view = await lending.service.application(ANN, application_id)
    assert (view.application.active, view.offers) == (False, [])
    assert view.assessment is not None  # kept for the record


async def accepted(lending: Lending) -> uuid.UUID:
    application_id = await applied(lending)
    [(event_id, request)] = await requests(lending)
    await lending.assessor.answer(event_id, request)
    [offer] = await lending.service.offers(ANN, application_id)
    _, loan = await lending.service.decide(ANN, offer.id, accept=True)
    assert loan is not None
    return loan.id


async def test_a_redelivered_disbursal_and_collection_answer_apply_once(lending: Lending) -> None:
    loan_id = await accepted(lending)
    await lending.collections.on_disbursed(loan_id)
    await lending.collections.on_disbursed(loan_id)
    assert len(await lending.published("credit.loan_status_changed")) == 1

    lending.now[0] = NOW + timedelta(days=31)
    assert await lending.collections.collect_due() == 1
    assert await lending.collections.collect_due() == 0  # in flight: not asked again
    [asked] = await lending.published("credit.instalment_collection_requested")
    command = asked.payload
    assert isinstance(command, InstalmentCollectionRequested)
    payment_id = uuid.UUID(command.payment_id)

    await lending.collections.on_collected(payment_id, command.attempt, "txn-1")
    await lending.collections.on_collected(payment_id, command.attempt, "txn-1")
    await lending.collections.on_refused(payment_id, command.attempt)  # a stale answer of the same attempt

    loan = await lending.service.loan(ANN, loan_id)
    first = loan.payments[0]
    assert (first.status, first.external_reference, first.attempts) == (PaymentStatus.COMPLETED, "txn-1", 1)
    assert loan.status is LoanStatus.ACTIVE
    changes = await lending.published("credit.payment_status_changed")
    assert len(changes) == 2  # due, then completed


async def test_an_answer_to_an_earlier_attempt_does_not_move_the_payment(lending: Lending) -> None:
    loan_id = await accepted(lending)
    await lending.collections.on_disbursed(loan_id)
    lending.now[0] = NOW + timedelta(days=31)
    await lending.collections.collect_due()
    payment_id = (await lending.service.loan(ANN, loan_id)).payments[0].id
    await lending.collections.on_refused(payment_id, 1)
    lending.now[0] += timedelta(days=1, seconds=1)
    await lending.collections.collect_due()  # attempt 2 in flight

    await lending.collections.on_collected(payment_id, 1, "late-answer-of-attempt-1")

    payment = (await lending.service.loan(ANN, loan_id)).payments[0]
    assert (payment.status, payment.attempts, payment.external_reference) == (PaymentStatus.DELAYED, 2, None)


async def test_the_audit_records_each_request_once_and_an_offer_by_its_final_status(lending: Lending) -> None:
    application_id = await applied(lending)
    [(event_id, request)] = await requests(lending)
    await lending.assessor.answer(event_id, request)
    [offer] = await lending.service.offers(ANN, application_id)
    asked = (await lending.published("credit.assessment_requested"))[0]
    proposed, accepted = credit_pb.Offer(), credit_pb.Offer()
    proposed.CopyFrom((await lending.published("credit.offer_status_changed"))[0].payload.offer)
    accepted.CopyFrom(proposed)
    accepted.status = credit_pb.OFFER_STATUS_ACCEPTED

    def event(offer_message: credit_pb.Offer) -> Event:
        changed = OfferStatusChanged(offer=offer_message)
        return Event(wrap(changed, producer="credit"), changed)

    audit = Audit(lending.database, lambda: lending.now[0])
    await audit.record([asked, asked, event(accepted), event(proposed)])  # redelivered; the proposal arrives last

    day = datetime.now(UTC).date().isoformat()
    figures = await audit.statistics(day, day, "USD")
    assert (figures.requests.count, figures.offers.count) == (1, 1)
    async with lending.database.sessions() as session:
        status: str = (await session.execute(select(audit_offers.c.status))).scalar_one()
    assert (status, str(offer.id)) == ("ACCEPTED", proposed.id)
