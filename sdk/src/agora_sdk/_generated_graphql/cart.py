from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import MoneyFields


class Cart(BaseModel):
    viewer: Optional["CartViewer"]


class CartViewer(BaseModel):
    cart: "CartViewerCart"


class CartViewerCart(BaseModel):
    lines: list["CartViewerCartLines"]
    totals: list["CartViewerCartTotals"]


class CartViewerCartLines(BaseModel):
    product: Optional["CartViewerCartLinesProduct"]
    name: Optional[str]
    quantity: int
    unit_price: Optional["CartViewerCartLinesUnitPrice"] = Field(alias="unitPrice")
    line_total: Optional["CartViewerCartLinesLineTotal"] = Field(alias="lineTotal")


class CartViewerCartLinesProduct(BaseModel):
    id: str


CartViewerCartLinesUnitPrice = MoneyFields
CartViewerCartLinesLineTotal = MoneyFields
CartViewerCartTotals = MoneyFields
Cart.model_rebuild()
CartViewer.model_rebuild()
CartViewerCart.model_rebuild()
CartViewerCartLines.model_rebuild()
