from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import OrderFields, PageInfoFields


class Orders(BaseModel):
    viewer: Optional["OrdersViewer"]


class OrdersViewer(BaseModel):
    orders: "OrdersViewerOrders"


class OrdersViewerOrders(BaseModel):
    nodes: list["OrdersViewerOrdersNodes"]
    page_info: "OrdersViewerOrdersPageInfo" = Field(alias="pageInfo")


OrdersViewerOrdersNodes = OrderFields
OrdersViewerOrdersPageInfo = PageInfoFields
Orders.model_rebuild()
OrdersViewer.model_rebuild()
OrdersViewerOrders.model_rebuild()
