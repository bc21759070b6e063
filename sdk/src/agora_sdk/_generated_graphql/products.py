from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    PageInfoFields,
    ProductFields,
    ProductFieldsPrice,  # noqa: F401
)


class Products(BaseModel):
    products: "ProductsProducts"


class ProductsProducts(BaseModel):
    nodes: list["ProductsProductsNodes"]
    page_info: "ProductsProductsPageInfo" = Field(alias="pageInfo")


class ProductsProductsNodes(ProductFields):
    rating: "ProductsProductsNodesRating"


class ProductsProductsNodesRating(BaseModel):
    average: Optional[float]
    count: int


ProductsProductsPageInfo = PageInfoFields
Products.model_rebuild()
ProductsProducts.model_rebuild()
ProductsProductsNodes.model_rebuild()
