from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import OrderStatus, ProductStatus


class MoneyFields(BaseModel):
    amount: int
    currency: str


class NotificationFields(BaseModel):
    id: str
    cursor: str
    kind: str
    title: str
    body: str
    data: list["NotificationFieldsData"]
    created_at: datetime = Field(alias="createdAt")
    read_at: Optional[datetime] = Field(alias="readAt")


class NotificationFieldsData(BaseModel):
    key: str
    value: str


class OrderFields(BaseModel):
    id: str
    status: OrderStatus
    reason: str
    lines: list["OrderFieldsLines"]
    total: "OrderFieldsTotal"
    timeline: list["OrderFieldsTimeline"]
    created_at: datetime = Field(alias="createdAt")
    updated_at: datetime = Field(alias="updatedAt")


class OrderFieldsLines(BaseModel):
    product: Optional["OrderFieldsLinesProduct"]
    name: str
    quantity: int
    unit_price: "OrderFieldsLinesUnitPrice" = Field(alias="unitPrice")


class OrderFieldsLinesProduct(BaseModel):
    id: str


class OrderFieldsLinesUnitPrice(MoneyFields):
    pass


class OrderFieldsTotal(MoneyFields):
    pass


class OrderFieldsTimeline(BaseModel):
    status: OrderStatus
    reason: str
    at: datetime


class PageInfoFields(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class ProductFields(BaseModel):
    id: str
    name: str
    description: str
    category: str
    price: "ProductFieldsPrice"
    stock: int
    status: ProductStatus
    created_at: datetime = Field(alias="createdAt")
    updated_at: datetime = Field(alias="updatedAt")


class ProductFieldsPrice(MoneyFields):
    pass


class ReviewFields(BaseModel):
    id: str
    rating: int
    text: str
    author: Optional["ReviewFieldsAuthor"]
    created_at: datetime = Field(alias="createdAt")
    updated_at: datetime = Field(alias="updatedAt")


class ReviewFieldsAuthor(BaseModel):
    id: str
    username: str


class TransactionFields(BaseModel):
    id: str
    kind: str
    amounts: list["TransactionFieldsAmounts"]
    counterparty: Optional["TransactionFieldsCounterparty"]
    reference: str
    created_at: datetime = Field(alias="createdAt")


class TransactionFieldsAmounts(MoneyFields):
    pass


class TransactionFieldsCounterparty(BaseModel):
    username: str


class UserErrorFields(BaseModel):
    field: Optional[list[str]]
    code: str
    message: str


MoneyFields.model_rebuild()
NotificationFields.model_rebuild()
OrderFields.model_rebuild()
PageInfoFields.model_rebuild()
ProductFields.model_rebuild()
ReviewFields.model_rebuild()
TransactionFields.model_rebuild()
UserErrorFields.model_rebuild()
