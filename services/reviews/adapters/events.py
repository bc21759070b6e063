"""reviews' outgoing events, as envelopes for the outbox."""

from __future__ import annotations

from agora.events.v1 import reviews_pb2 as events
from agora.events.v1.envelope_pb2 import Envelope
from services.platform.events import wrap
from services.platform.product_deletions import DeletionStep

PRODUCER = "reviews"


def reviews_dropped(step: DeletionStep) -> Envelope:
    return wrap(
        events.ReviewsDroppedProduct(deletion_id=str(step.deletion_id), product_id=str(step.product_id)),
        producer=PRODUCER,
    )
