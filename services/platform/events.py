"""Event envelopes: wrapping payloads with their id, type, producer and causal chain, and reading them back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from google.protobuf.message import DecodeError
from google.protobuf.message import Message as ProtoMessage

from agora.events.v1 import (
    catalog_pb2,
    credit_pb2,
    customers_pb2,
    identity_pb2,
    notifications_pb2,
    orders_pb2,
    reviews_pb2,
    wallet_pb2,
)
from agora.events.v1.envelope_pb2 import Envelope
from services.platform import tracing
from services.platform.bus import Message
from services.platform.context import request_id
from services.platform.ids import uuid7

# Every event payload and its routing key: `<producer>.<event>`.
EVENT_TYPES: dict[type[ProtoMessage], str] = {
    identity_pb2.UserRegistered: "identity.user_registered",
    catalog_pb2.ProductCreated: "catalog.product_created",
    catalog_pb2.ProductChanged: "catalog.product_changed",
    catalog_pb2.ProductDeleted: "catalog.product_deleted",
    catalog_pb2.StockReserved: "catalog.stock_reserved",
    catalog_pb2.StockReservationRejected: "catalog.stock_reservation_rejected",
    catalog_pb2.StockReleased: "catalog.stock_released",
    catalog_pb2.ProductDeletionRequested: "catalog.product_deletion_requested",
    catalog_pb2.ProductDeletionCompleted: "catalog.product_deletion_completed",
    catalog_pb2.ProductDeletionCancelled: "catalog.product_deletion_cancelled",
    customers_pb2.CustomersDroppedProduct: "customers.product_references_dropped",
    reviews_pb2.ReviewsDroppedProduct: "reviews.product_references_dropped",
    notifications_pb2.NotificationCreated: "notifications.notification_created",
    wallet_pb2.TransferCompleted: "wallet.transfer_completed",
    wallet_pb2.PurchaseCompleted: "wallet.purchase_completed",
    wallet_pb2.PaymentCharged: "wallet.payment_charged",
    wallet_pb2.PaymentRejected: "wallet.payment_rejected",
    wallet_pb2.PaymentRefunded: "wallet.payment_refunded",
    orders_pb2.StockReservationRequested: "orders.stock_reservation_requested",
    orders_pb2.StockReleaseRequested: "orders.stock_release_requested",
    orders_pb2.PaymentRequested: "orders.payment_requested",
    orders_pb2.RefundRequested: "orders.refund_requested",
    orders_pb2.OrderStatusChanged: "orders.order_status_changed",
    credit_pb2.AssessmentRequested: "credit.assessment_requested",
    credit_pb2.AssessmentCompleted: "credit.assessment_completed",
    credit_pb2.ApplicationStatusChanged: "credit.application_status_changed",
    credit_pb2.OfferStatusChanged: "credit.offer_status_changed",
    credit_pb2.LoanDisbursementRequested: "credit.loan_disbursement_requested",
    credit_pb2.InstalmentCollectionRequested: "credit.instalment_collection_requested",
    credit_pb2.LoanStatusChanged: "credit.loan_status_changed",
    credit_pb2.PaymentStatusChanged: "credit.payment_status_changed",
    wallet_pb2.LoanDisbursed: "wallet.loan_disbursed",
    wallet_pb2.InstalmentCollected: "wallet.instalment_collected",
    wallet_pb2.InstalmentRejected: "wallet.instalment_rejected",
}
PAYLOAD_TYPES = {routing_key: payload_type for payload_type, routing_key in EVENT_TYPES.items()}


class UnknownEvent(ValueError):
    """The envelope names a type this build does not know; consumers dead-letter it rather than guess."""


def wrap(
    payload: ProtoMessage, *, producer: str, causation_id: str = "", correlation_id: str | None = None
) -> Envelope:
    envelope = Envelope(
        event_id=str(uuid7()),
        type=EVENT_TYPES[type(payload)],
        producer=producer,
        correlation_id=correlation_id if correlation_id is not None else request_id.get(),
        causation_id=causation_id,
    )
    envelope.occurred_at.FromDatetime(datetime.now(UTC))
    envelope.payload.Pack(payload)
    if tracing.enabled():  # the consumers continue the trace that wrote the event
        tracing.inject(envelope.trace_context)
    return envelope


def trace_context_of(message: Message) -> dict[str, str]:
    """The trace context the event's writer put in its envelope; empty when the body is no envelope."""
    try:
        return dict(Envelope.FromString(message.body).trace_context)
    except DecodeError:  # its consumer dead-letters it; a span over it starts a trace of its own
        return {}


@dataclass(frozen=True)
class Event:
    """A received event: its envelope and its unpacked payload."""

    envelope: Envelope
    payload: ProtoMessage

    @property
    def id(self) -> str:
        return self.envelope.event_id


def unwrap(body: bytes) -> Event:
    envelope = Envelope.FromString(body)
    payload_type = PAYLOAD_TYPES.get(envelope.type)
    if payload_type is None:
        raise UnknownEvent(f"unknown event type {envelope.type!r}")
    payload = payload_type()
    if not envelope.payload.Unpack(payload):
        raise UnknownEvent(f"the payload of {envelope.event_id} is not a {payload_type.__name__}")
    return Event(envelope, payload)


def to_message(envelope: Envelope) -> Message:
    return Message(routing_key=envelope.type, body=envelope.SerializeToString(), message_id=envelope.event_id)
