from datetime import datetime
from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    CreditApplicationStatus,
    CreditOfferStatus,
    LoanPaymentStatus,
    LoanPurpose,
    LoanStatus,
    OrderStatus,
    ProductStatus,
    RiskBand,
)


class AssessmentFields(BaseModel):
    revision: int
    score: float
    risk: RiskBand
    approved: bool
    reasons: list[str]
    hard_stop: Optional[str] = Field(alias="hardStop")
    rules_version: str = Field(alias="rulesVersion")
    assessed_at: datetime = Field(alias="assessedAt")
    factors: list["AssessmentFieldsFactors"]


class AssessmentFieldsFactors(BaseModel):
    name: str
    points: int
    weight: float
    contribution: float


class MoneyFields(BaseModel):
    amount: int
    currency: str


class CreditOfferFields(BaseModel):
    id: str
    status: CreditOfferStatus
    amount: "CreditOfferFieldsAmount"
    term_months: int = Field(alias="termMonths")
    rate: str
    effective_rate: str = Field(alias="effectiveRate")
    monthly_payment: "CreditOfferFieldsMonthlyPayment" = Field(alias="monthlyPayment")
    expires_at: datetime = Field(alias="expiresAt")
    created_at: datetime = Field(alias="createdAt")
    decided_at: Optional[datetime] = Field(alias="decidedAt")
    rules_version: str = Field(alias="rulesVersion")


class CreditOfferFieldsAmount(MoneyFields):
    pass


class CreditOfferFieldsMonthlyPayment(MoneyFields):
    pass


class CreditApplicationFields(BaseModel):
    id: str
    status: CreditApplicationStatus
    active: bool
    revision: int
    amount: "CreditApplicationFieldsAmount"
    term_months: int = Field(alias="termMonths")
    purpose: LoanPurpose
    assessment: Optional["CreditApplicationFieldsAssessment"]
    current_offer: Optional["CreditApplicationFieldsCurrentOffer"] = Field(
        alias="currentOffer"
    )
    created_at: datetime = Field(alias="createdAt")
    updated_at: datetime = Field(alias="updatedAt")


class CreditApplicationFieldsAmount(MoneyFields):
    pass


class CreditApplicationFieldsAssessment(AssessmentFields):
    pass


class CreditApplicationFieldsCurrentOffer(CreditOfferFields):
    pass


class LoanFields(BaseModel):
    id: str
    status: LoanStatus
    principal: "LoanFieldsPrincipal"
    rate: str
    term_months: int = Field(alias="termMonths")
    monthly_payment: "LoanFieldsMonthlyPayment" = Field(alias="monthlyPayment")
    outstanding: "LoanFieldsOutstanding"
    created_at: datetime = Field(alias="createdAt")
    disbursed_at: Optional[datetime] = Field(alias="disbursedAt")
    payments: list["LoanFieldsPayments"]


class LoanFieldsPrincipal(MoneyFields):
    pass


class LoanFieldsMonthlyPayment(MoneyFields):
    pass


class LoanFieldsOutstanding(MoneyFields):
    pass


class LoanFieldsPayments(BaseModel):
    id: str
    number: int
    due_on: Any = Field(alias="dueOn")
    status: LoanPaymentStatus
    attempts: int
    external_reference: Optional[str] = Field(alias="externalReference")
    principal: "LoanFieldsPaymentsPrincipal"
    interest: "LoanFieldsPaymentsInterest"
    amount: "LoanFieldsPaymentsAmount"


class LoanFieldsPaymentsPrincipal(MoneyFields):
    pass


class LoanFieldsPaymentsInterest(MoneyFields):
    pass


class LoanFieldsPaymentsAmount(MoneyFields):
    pass


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


AssessmentFields.model_rebuild()
MoneyFields.model_rebuild()
CreditOfferFields.model_rebuild()
CreditApplicationFields.model_rebuild()
LoanFields.model_rebuild()
NotificationFields.model_rebuild()
OrderFields.model_rebuild()
PageInfoFields.model_rebuild()
ProductFields.model_rebuild()
ReviewFields.model_rebuild()
TransactionFields.model_rebuild()
UserErrorFields.model_rebuild()
