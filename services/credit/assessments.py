"""The assessor: answers each assessment request by asking scoring, then applies the result to the application.

scoring is asked outside any transaction; its answer is applied in one transaction with the request's id recorded,
the assessment kept for the record, and the application's change and events in the outbox. An answer for an older
revision, a deleted application or one decided already is kept for the record and changes nothing else. While
scoring does not answer the request is retried by the bus, then asked again by a sweep, so none is lost.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from agora.events.v1.credit_pb2 import AssessmentRequested
from agora.scoring.v1 import scoring_pb2 as scoring_pb
from services.credit.adapters.events import application_status_changed, assessment_completed, offer_status_changed
from services.credit.adapters.scoring import ScoringEngine
from services.credit.adapters.unit_of_work import CreditUnitOfWork
from services.credit.domain import Application, ApplicationStatus, Assessment, Offer, may_propose, offer_of
from services.credit.service_layer import CreditService
from services.platform.clock import Clock
from services.platform.proto_enums import member_name
from services.scoring.entrypoints.messages import money_of
from services.scoring.rules import Offer as PricedOffer

CONSUMER = "credit.assessor"


class Assessor:
    def __init__(self, credit: CreditService, engine: ScoringEngine, clock: Clock) -> None:
        self.credit = credit
        self.engine = engine
        self.clock = clock

    async def answer(self, event_id: str, requested: AssessmentRequested) -> None:
        result, offer = await self.engine.assess(requested.request, requested.products)
        await self.apply(event_id, requested, result, offer)

    async def apply(
        self,
        event_id: str,
        requested: AssessmentRequested,
        result: scoring_pb.AssessResponse,
        priced: scoring_pb.Offer | None,
    ) -> None:
        now = self.clock()
        application_id = uuid.UUID(requested.application_id)
        async with self.credit.unit_of_work() as uow:
            if not await uow.processed_events.first_time(CONSUMER, event_id):
                return
            application = await uow.applications.locked(application_id)
            assessment = assessment_of(requested, result, now)
            if application is None or not await uow.assessments.add(assessment, application.user_id):
                await uow.commit()  # the same revision answered twice: the first answer stands
                return
            await uow.outbox.add(
                assessment_completed(application, requested.revision, requested.request, result, priced, event_id)
            )
            if application.reviewing and application.revision == requested.revision:
                await self._decide(uow, application, assessment, priced, now)
            await uow.commit()

    async def _decide(
        self,
        uow: CreditUnitOfWork,
        application: Application,
        assessment: Assessment,
        priced: scoring_pb.Offer | None,
        now: datetime,
    ) -> None:
        """Rejected: the application is REJECTED. Approved: scoring's offer is proposed if the offer rules allow it
        (the application stays REVIEWING until an offer is accepted)."""
        offers = await uow.offers.of_application(application.id)
        if not assessment.approved:
            rejected = replace(application, status=ApplicationStatus.REJECTED, updated_at=now)
            await uow.applications.save(rejected)
            await uow.outbox.add(application_status_changed(rejected, assessment, offers, now))
            return
        proposed = await self._proposal(uow, application, offers, priced, now)
        if proposed is None:
            await uow.outbox.add(application_status_changed(application, assessment, offers, now))
            return
        await uow.offers.add(proposed)
        await uow.outbox.add(
            application_status_changed(application, assessment, [proposed, *offers], now),
            offer_status_changed(proposed, now),
        )

    async def _proposal(
        self,
        uow: CreditUnitOfWork,
        application: Application,
        offers: list[Offer],
        priced: scoring_pb.Offer | None,
        now: datetime,
    ) -> Offer | None:
        """scoring's offer as this application's, if the offer rules let it be proposed."""
        if priced is None:
            return None
        product = await uow.products.get(uuid.UUID(priced.product_id))
        offer = offer_of(application, priced_offer(priced), uuid.UUID(priced.product_id), now)
        return offer if product is not None and may_propose(application, product, offers, offer, now) else None


def priced_offer(message: scoring_pb.Offer) -> PricedOffer:
    return PricedOffer(
        product_id=message.product_id,
        amount=money_of(message.amount),
        term_months=message.term_months,
        rate_hundredths=message.rate_hundredths,
        effective_rate_hundredths=message.effective_rate_hundredths,
        monthly_payment=money_of(message.monthly_payment),
        lifetime_days=message.lifetime_days,
        rules_version=message.rules_version,
    )


def assessment_of(requested: AssessmentRequested, result: scoring_pb.AssessResponse, now: datetime) -> Assessment:
    return Assessment(
        application_id=uuid.UUID(requested.application_id),
        revision=requested.revision,
        score_tenths=result.score_tenths,
        risk=member_name(scoring_pb.RiskBand, result.risk, "RISK_BAND_"),
        approved=result.approved,
        reasons=tuple(result.reasons),
        factors=tuple((f.name, f.points, f.weight_tenths) for f in result.factors),
        hard_stop=result.hard_stop,
        rules_version=result.rules_version,
        request=requested.request.SerializeToString(),
        result=result.SerializeToString(),
        assessed_at=now,
    )
