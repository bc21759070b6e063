from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    PageInfoFields,
    ProductFields,
    ProductFieldsPrice,  # noqa: F401
    ReviewFields,
)


class ProductPage(BaseModel):
    product: Optional["ProductPageProduct"]


class ProductPageProduct(ProductFields):
    rating: "ProductPageProductRating"
    reviews: "ProductPageProductReviews"


class ProductPageProductRating(BaseModel):
    average: Optional[float]
    count: int


class ProductPageProductReviews(BaseModel):
    nodes: list["ProductPageProductReviewsNodes"]
    page_info: "ProductPageProductReviewsPageInfo" = Field(alias="pageInfo")


ProductPageProductReviewsNodes = ReviewFields
ProductPageProductReviewsPageInfo = PageInfoFields
ProductPage.model_rebuild()
ProductPageProduct.model_rebuild()
ProductPageProductReviews.model_rebuild()
