"""Translations between reviews' domain and its protobuf messages."""

from __future__ import annotations

import uuid

from agora.reviews.v1 import reviews_pb2 as pb
from services.platform.ids import id_named
from services.reviews.domain import ProductNotFound, Review


def product_id_of(raw: str) -> uuid.UUID:
    """A text that is not a UUID names no product."""
    return id_named(raw, "product", ProductNotFound)


def review_message(review: Review) -> pb.Review:
    message = pb.Review(
        id=str(review.id),
        product_id=str(review.product_id),
        author_id=str(review.author_id),
        rating=review.rating,
        text=review.text,
    )
    message.created_at.FromDatetime(review.created_at)
    message.updated_at.FromDatetime(review.updated_at)
    return message
