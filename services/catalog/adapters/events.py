"""catalog's outgoing events, as envelopes for the outbox."""

from __future__ import annotations

import uuid

from google.protobuf.message import Message as ProtoMessage

from agora.events.v1 import catalog_pb2 as events
from agora.events.v1.envelope_pb2 import Envelope
from services.catalog.domain import DeletionState, Hold, Product, ProductDeletion
from services.catalog.entrypoints.messages import product_message
from services.platform.events import wrap

PRODUCER = "catalog"


def product_created(product: Product) -> Envelope:
    return wrap(events.ProductCreated(product=product_message(product)), producer=PRODUCER)


def product_changed(product: Product) -> Envelope:
    return wrap(events.ProductChanged(product=product_message(product)), producer=PRODUCER)


def product_deleted(product_id: uuid.UUID) -> Envelope:
    return wrap(events.ProductDeleted(product_id=str(product_id)), producer=PRODUCER)


def deletion_step(deletion: ProductDeletion) -> Envelope:
    """What the participants hear of the deletion in its current state: asked to drop, or told the outcome."""
    ids = {"deletion_id": str(deletion.id), "product_id": str(deletion.product_id)}
    if deletion.state is DeletionState.PENDING:
        return wrap(events.ProductDeletionRequested(**ids), producer=PRODUCER)
    if deletion.state is DeletionState.COMPLETED:
        return wrap(events.ProductDeletionCompleted(**ids), producer=PRODUCER)
    return wrap(events.ProductDeletionCancelled(**ids, reason=deletion.reason), producer=PRODUCER)


def reservation_answer(hold: Hold, command: Envelope | None) -> Envelope:
    """StockReserved while the order's items are held; otherwise StockReservationRejected with the reason."""
    refusal = hold.refusal
    order_id = str(hold.order_id)
    if refusal is None:
        return _reply(events.StockReserved(order_id=order_id), command)
    return _reply(events.StockReservationRejected(order_id=order_id, reason=refusal), command)


def stock_released(order_id: uuid.UUID, command: Envelope | None) -> Envelope:
    return _reply(events.StockReleased(order_id=str(order_id)), command)


def _reply(payload: ProtoMessage, command: Envelope | None) -> Envelope:
    """The answer to a command, caused by it and in its correlation, so the saga's trail reads end to end."""
    if command is None:
        return wrap(payload, producer=PRODUCER)
    return wrap(payload, producer=PRODUCER, causation_id=command.event_id, correlation_id=command.correlation_id)
