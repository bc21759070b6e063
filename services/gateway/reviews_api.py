"""agora.v1's reviews and ratings, served by calling reviews over gRPC."""

from __future__ import annotations

import uuid
from datetime import UTC

from agora.catalog.v1 import catalog_pb2 as catalog_pb
from agora.rest.agora_v1 import models
from agora.rest.agora_v1.server import ReviewsApi
from agora.reviews.v1 import reviews_pb2 as pb
from services.gateway.connections import Connections
from services.platform.context import Principal
from services.platform.grpc_client import Caller


def review_model(review: pb.Review) -> models.Review:
    return models.Review(
        id=uuid.UUID(review.id),
        product_id=uuid.UUID(review.product_id),
        author_id=uuid.UUID(review.author_id),
        rating=review.rating,
        text=review.text,
        created_at=review.created_at.ToDatetime(tzinfo=UTC),
        updated_at=review.updated_at.ToDatetime(tzinfo=UTC),
    )


class ReviewsApiOverGrpc(ReviewsApi):
    def __init__(self, connections: Connections, call: Caller) -> None:
        self.connections = connections
        self.call = call

    async def require_product(self, product_id: uuid.UUID) -> None:
        """A product's reviews are there while catalog shows it: of one being deleted, or never made, 404."""
        await self.call(self.connections.catalog.GetProduct, catalog_pb.GetProductRequest(product_id=str(product_id)))

    async def list_product_reviews(self, *, product_id: uuid.UUID, cursor: str | None, limit: int) -> models.ReviewPage:
        await self.require_product(product_id)
        request = pb.ListReviewsRequest(product_id=str(product_id), cursor=cursor or "", limit=limit)
        reply = await self.call(self.connections.reviews.ListReviews, request)
        return models.ReviewPage(items=[review_model(r) for r in reply.reviews], next_cursor=reply.next_cursor or None)

    async def get_product_rating(self, *, product_id: uuid.UUID) -> models.ProductRating:
        await self.require_product(product_id)
        reply = await self.call(self.connections.reviews.GetRating, pb.GetRatingRequest(product_id=str(product_id)))
        average = reply.average_hundredths / 100 if reply.count else None
        return models.ProductRating(product_id=product_id, count=reply.count, average=average)

    async def get_my_review(self, *, product_id: uuid.UUID, principal: Principal) -> models.Review:
        await self.require_product(product_id)
        request = pb.GetMyReviewRequest(product_id=str(product_id))
        reply = await self.call(self.connections.reviews.GetMyReview, request, principal=principal)
        return review_model(reply.review)

    async def write_my_review(
        self, *, body: models.ReviewRequest, product_id: uuid.UUID, principal: Principal
    ) -> models.Review:
        await self.require_product(product_id)
        request = pb.WriteReviewRequest(product_id=str(product_id), rating=body.rating, text=body.text or "")
        reply = await self.call(self.connections.reviews.WriteReview, request, principal=principal)
        return review_model(reply.review)

    async def delete_my_review(self, *, product_id: uuid.UUID, principal: Principal) -> None:
        request = pb.DeleteMyReviewRequest(product_id=str(product_id))
        await self.call(self.connections.reviews.DeleteMyReview, request, principal=principal)
