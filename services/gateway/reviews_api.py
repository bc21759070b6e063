"""agora.v1's reviews and ratings, served by calling reviews over gRPC."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
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


def rating_model(product_id: uuid.UUID, count: int, average_hundredths: int) -> models.ProductRating:
    return models.ProductRating(product_id=product_id, count=count, average=average_hundredths / 100 if count else None)


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
        return rating_model(product_id, reply.count, reply.average_hundredths)

    async def ratings(self, product_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, models.ProductRating]:
        """The ratings of products the caller has just read from catalog, in one call (GraphQL's lists)."""
        request = pb.BatchGetRatingsRequest(product_ids=[str(product_id) for product_id in product_ids])
        reply = await self.call(self.connections.reviews.BatchGetRatings, request)
        return {
            uuid.UUID(rating.product_id): rating_model(
                uuid.UUID(rating.product_id), rating.count, rating.average_hundredths
            )
            for rating in reply.ratings
        }

    async def first_pages(self, product_ids: Sequence[uuid.UUID], limit: int) -> dict[uuid.UUID, models.ReviewPage]:
        """The first page of reviews of products the caller has just read from catalog, in one call."""
        request = pb.BatchListReviewsRequest(product_ids=[str(product_id) for product_id in product_ids], limit=limit)
        reply = await self.call(self.connections.reviews.BatchListReviews, request)
        return {
            uuid.UUID(page.product_id): models.ReviewPage(
                items=[review_model(r) for r in page.reviews], next_cursor=page.next_cursor or None
            )
            for page in reply.pages
        }

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
