from pydantic import Field

from .base_model import BaseModel
from .fragments import OrderFields


class OrderUpdated(BaseModel):
    order_updated: "OrderUpdatedOrderUpdated" = Field(alias="orderUpdated")


OrderUpdatedOrderUpdated = OrderFields
OrderUpdated.model_rebuild()
