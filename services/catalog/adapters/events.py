"""catalog's outgoing events, as envelopes for the outbox."""

from __future__ import annotations

import uuid

from agora.events.v1 import catalog_pb2 as events
from agora.events.v1.envelope_pb2 import Envelope
from services.catalog.domain import Product
from services.catalog.entrypoints.messages import product_message
from services.platform.events import wrap

PRODUCER = "catalog"


def product_created(product: Product) -> Envelope:
    return wrap(events.ProductCreated(product=product_message(product)), producer=PRODUCER)


def product_changed(product: Product) -> Envelope:
    return wrap(events.ProductChanged(product=product_message(product)), producer=PRODUCER)


def product_deleted(product_id: uuid.UUID) -> Envelope:
    return wrap(events.ProductDeleted(product_id=str(product_id)), producer=PRODUCER)
