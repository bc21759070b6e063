from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import ReviewFields, UserErrorFields


class WriteReview(BaseModel):
    write_review: "WriteReviewWriteReview" = Field(alias="writeReview")


class WriteReviewWriteReview(BaseModel):
    review: Optional["WriteReviewWriteReviewReview"]
    user_errors: list["WriteReviewWriteReviewUserErrors"] = Field(alias="userErrors")


WriteReviewWriteReviewReview = ReviewFields
WriteReviewWriteReviewUserErrors = UserErrorFields
WriteReview.model_rebuild()
WriteReviewWriteReview.model_rebuild()
