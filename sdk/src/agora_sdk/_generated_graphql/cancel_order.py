from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import OrderFields, UserErrorFields


class CancelOrder(BaseModel):
    cancel_order: "CancelOrderCancelOrder" = Field(alias="cancelOrder")


class CancelOrderCancelOrder(BaseModel):
    order: Optional["CancelOrderCancelOrderOrder"]
    user_errors: list["CancelOrderCancelOrderUserErrors"] = Field(alias="userErrors")


CancelOrderCancelOrderOrder = OrderFields
CancelOrderCancelOrderUserErrors = UserErrorFields
CancelOrder.model_rebuild()
CancelOrderCancelOrder.model_rebuild()
