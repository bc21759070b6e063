"""credit's event consumers: assessment requests (answered by asking scoring), wallet's answers about loans, and
the audit's record."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from agora.events.v1.credit_pb2 import AssessmentRequested
from agora.events.v1.wallet_pb2 import InstalmentCollected, InstalmentRejected, LoanDisbursed
from services.credit.assessments import Assessor
from services.credit.audit import Audit
from services.credit.collections import Collections
from services.platform.bus import Message, Subscription
from services.platform.bus.batching import batched
from services.platform.events import unwrap

MAX_AUDIT_BATCH = 64
AUDITED = ["credit.assessment_requested", "credit.assessment_completed", "credit.offer_status_changed"]


def subscriptions(assessor: Assessor, collections: Collections, audit: Audit, namespace: str) -> list[Subscription]:
    async def on_assessment_requested(message: Message) -> None:
        event = unwrap(message.body)
        assert isinstance(event.payload, AssessmentRequested)
        await assessor.answer(event.id, event.payload)

    async def on_wallet_answer(message: Message) -> None:
        # Each is applied only while the loan or payment waits for it, so a redelivery changes nothing.
        payload = unwrap(message.body).payload
        if isinstance(payload, LoanDisbursed):
            await collections.on_disbursed(uuid.UUID(payload.loan_id))
        elif isinstance(payload, InstalmentCollected):
            await collections.on_collected(uuid.UUID(payload.payment_id), payload.attempt, payload.transaction_id)
        elif isinstance(payload, InstalmentRejected):
            await collections.on_refused(uuid.UUID(payload.payment_id), payload.attempt)

    async def on_audited(messages: Sequence[Message]) -> None:
        await audit.record([unwrap(message.body) for message in messages])

    return [
        Subscription(
            queue=f"{namespace}.credit.audit",
            routing_keys=AUDITED,
            handler=batched(on_audited, MAX_AUDIT_BATCH),
            prefetch=2 * MAX_AUDIT_BATCH,
        ),
        Subscription(
            queue=f"{namespace}.credit.assessments",
            routing_keys=["credit.assessment_requested"],
            handler=on_assessment_requested,
        ),
        Subscription(
            queue=f"{namespace}.credit.wallet",
            routing_keys=["wallet.loan_disbursed", "wallet.instalment_collected", "wallet.instalment_rejected"],
            handler=on_wallet_answer,
        ),
    ]
