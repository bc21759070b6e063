from pydantic import Field

from .base_model import BaseModel
from .fragments import UserErrorFields


class DeleteReview(BaseModel):
    delete_review: "DeleteReviewDeleteReview" = Field(alias="deleteReview")


class DeleteReviewDeleteReview(BaseModel):
    deleted: bool
    user_errors: list["DeleteReviewDeleteReviewUserErrors"] = Field(alias="userErrors")


DeleteReviewDeleteReviewUserErrors = UserErrorFields
DeleteReview.model_rebuild()
DeleteReviewDeleteReview.model_rebuild()
