from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import OrderFields, UserErrorFields


class PlaceOrder(BaseModel):
    place_order: "PlaceOrderPlaceOrder" = Field(alias="placeOrder")


class PlaceOrderPlaceOrder(BaseModel):
    order: Optional["PlaceOrderPlaceOrderOrder"]
    user_errors: list["PlaceOrderPlaceOrderUserErrors"] = Field(alias="userErrors")


PlaceOrderPlaceOrderOrder = OrderFields
PlaceOrderPlaceOrderUserErrors = UserErrorFields
PlaceOrder.model_rebuild()
PlaceOrderPlaceOrder.model_rebuild()
