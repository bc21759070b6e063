"""reviews' gRPC servicer: translates protobuf to use-case calls and back, nothing more."""

from __future__ import annotations

from typing import Any

from agora.reviews.v1 import reviews_pb2 as pb
from agora.reviews.v1 import reviews_pb2_grpc as pb_grpc
from services.platform.grpc_server import Servicer, principal_of_call
from services.platform.ids import ids_named
from services.reviews.entrypoints.messages import product_id_of, review_message
from services.reviews.service_layer import ReviewsService

Context = Any


class ReviewsServicer(pb_grpc.ReviewsServiceServicer):
    def __init__(self, service: ReviewsService) -> None:
        self.service = service

    async def ListReviews(self, request: pb.ListReviewsRequest, context: Context) -> pb.ListReviewsResponse:
        page = await self.service.list_reviews(product_id_of(request.product_id), request.cursor or None, request.limit)
        return pb.ListReviewsResponse(
            reviews=[review_message(review) for review in page.reviews], next_cursor=page.next_cursor or ""
        )

    async def GetRating(self, request: pb.GetRatingRequest, context: Context) -> pb.GetRatingResponse:
        rating = await self.service.rating(product_id_of(request.product_id))
        return pb.GetRatingResponse(count=rating.count, average_hundredths=rating.average_hundredths)

    async def BatchGetRatings(self, request: pb.BatchGetRatingsRequest, context: Context) -> pb.BatchGetRatingsResponse:
        product_ids = ids_named(request.product_ids, "product")
        ratings = await self.service.ratings(product_ids)
        return pb.BatchGetRatingsResponse(
            ratings=[
                pb.ProductRating(
                    product_id=str(product_id), count=rating.count, average_hundredths=rating.average_hundredths
                )
                for product_id, rating in zip(product_ids, ratings, strict=True)
            ]
        )

    async def BatchListReviews(
        self, request: pb.BatchListReviewsRequest, context: Context
    ) -> pb.BatchListReviewsResponse:
        product_ids = ids_named(request.product_ids, "product")
        pages = await self.service.first_pages(product_ids, request.limit)
        return pb.BatchListReviewsResponse(
            pages=[
                pb.ReviewPage(
                    product_id=str(product_id),
                    reviews=[review_message(review) for review in page.reviews],
                    next_cursor=page.next_cursor or "",
                )
                for product_id, page in zip(product_ids, pages, strict=True)
            ]
        )

    async def GetMyReview(self, request: pb.GetMyReviewRequest, context: Context) -> pb.GetMyReviewResponse:
        review = await self.service.my_review(principal_of_call(), product_id_of(request.product_id))
        return pb.GetMyReviewResponse(review=review_message(review))

    async def WriteReview(self, request: pb.WriteReviewRequest, context: Context) -> pb.WriteReviewResponse:
        review = await self.service.write_review(
            principal_of_call(), product_id_of(request.product_id), request.rating, request.text
        )
        return pb.WriteReviewResponse(review=review_message(review))

    async def DeleteMyReview(self, request: pb.DeleteMyReviewRequest, context: Context) -> pb.DeleteMyReviewResponse:
        await self.service.delete_review(principal_of_call(), product_id_of(request.product_id))
        return pb.DeleteMyReviewResponse()


def reviews_servicer(service: ReviewsService) -> Servicer:
    return Servicer(
        ReviewsServicer(service),
        pb_grpc.add_ReviewsServiceServicer_to_server,
        pb.DESCRIPTOR.services_by_name["ReviewsService"].full_name,
    )
