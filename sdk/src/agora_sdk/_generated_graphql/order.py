from typing import Annotated, Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    OrderFields,
    OrderFieldsLines,
    OrderFieldsTimeline,
    OrderFieldsTotal,
)


class Order(BaseModel):
    node: Optional[
        Annotated[
            Union["OrderNodeNode", "OrderNodeOrder"], Field(discriminator="typename__")
        ]
    ]


class OrderNodeNode(BaseModel):
    typename__: Literal[
        "CreditApplication",
        "CreditOffer",
        "CreditProduct",
        "Loan",
        "Node",
        "Notification",
        "Product",
        "ProductDeletion",
        "Review",
        "User",
        "WalletTransaction",
    ] = Field(alias="__typename")


class OrderNodeOrder(OrderFields):
    typename__: Literal["Order"] = Field(alias="__typename")


Order.model_rebuild()
