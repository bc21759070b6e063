from decimal import Decimal
from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import CreditDecision, EmploymentStatus, LoanPurpose, ProductStatus


class MoneyInput(BaseModel):
    amount: int
    currency: str


class RegisterInput(BaseModel):
    username: str
    password: str


class LogInInput(BaseModel):
    username: str
    password: str


class RefreshTokensInput(BaseModel):
    refresh_token: str = Field(alias="refreshToken")


class LogOutInput(BaseModel):
    refresh_token: str = Field(alias="refreshToken")


class CreateProductInput(BaseModel):
    name: str
    description: Optional[str] = ""
    category: str
    price: "MoneyInput"
    stock: Optional[int] = 0
    status: Optional[ProductStatus] = ProductStatus.ACTIVE


class UpdateProductInput(BaseModel):
    """The fields to change; those left out keep their value."""

    id: str
    name: Optional[str] = None
    description: Optional[str] = None
    category: Optional[str] = None
    price: Optional["MoneyInput"] = None
    stock: Optional[int] = None
    status: Optional[ProductStatus] = None


class DeleteProductInput(BaseModel):
    id: str


class WriteReviewInput(BaseModel):
    product_id: str = Field(alias="productId")
    rating: int
    "1 to 5 stars."
    text: Optional[str] = ""


class DeleteReviewInput(BaseModel):
    product_id: str = Field(alias="productId")


class SetCartItemInput(BaseModel):
    product_id: str = Field(alias="productId")
    quantity: int


class RemoveCartItemInput(BaseModel):
    product_id: str = Field(alias="productId")


class AddFavouriteInput(BaseModel):
    product_id: str = Field(alias="productId")


class RemoveFavouriteInput(BaseModel):
    product_id: str = Field(alias="productId")


class OrderItemInput(BaseModel):
    product_id: str = Field(alias="productId")
    quantity: int


class PlaceOrderInput(BaseModel):
    """The items to order; none orders the cart as it is."""

    items: Optional[list["OrderItemInput"]] = None


class OrderIdInput(BaseModel):
    id: str


class TransferInput(BaseModel):
    to_username: str = Field(alias="toUsername")
    amount: "MoneyInput"


class ConvertCurrencyInput(BaseModel):
    amount: "MoneyInput"
    to_currency: str = Field(alias="toCurrency")


class TopUpInput(BaseModel):
    user_id: str = Field(alias="userId")
    amount: "MoneyInput"


class ChargeInput(BaseModel):
    user_id: str = Field(alias="userId")
    amount: "MoneyInput"
    reference: Optional[str] = ""


class RefundInput(BaseModel):
    charge_id: str = Field(alias="chargeId")
    "The charge's transaction id, as the charged user sees it."


class SetRateInput(BaseModel):
    base: str
    quote: str
    rate: Decimal


class MarkNotificationReadInput(BaseModel):
    id: str


class SetCreditProfileInput(BaseModel):
    user_id: Optional[str] = Field(alias="userId", default=None)
    "Admins only: whose profile; the signed-in user's when absent."
    currency: str
    "Of the income and the debt; applications are made in it."
    annual_income: int = Field(alias="annualIncome")
    monthly_debt: int = Field(alias="monthlyDebt")
    employment_status: EmploymentStatus = Field(alias="employmentStatus")
    birth_date: Any = Field(alias="birthDate")
    "The client is 18 to 100 years old."


class CreditProductInput(BaseModel):
    code: str
    version: Optional[int] = 1
    purpose: LoanPurpose
    currency: str
    min_amount: int = Field(alias="minAmount")
    max_amount: int = Field(alias="maxAmount")
    min_term_months: int = Field(alias="minTermMonths")
    max_term_months: int = Field(alias="maxTermMonths")
    rate_min: str = Field(alias="rateMin")
    'Percent, at most two decimals: "11.5".'
    rate_max: str = Field(alias="rateMax")
    active: Optional[bool] = True


class UpdateCreditProductInput(BaseModel):
    id: str
    product: "CreditProductInput"


class DeleteCreditProductInput(BaseModel):
    id: str


class ApplyForCreditInput(BaseModel):
    amount: "MoneyInput"
    "In the currency of the applicant's profile."
    term_months: int = Field(alias="termMonths")
    purpose: LoanPurpose


class UpdateCreditApplicationInput(BaseModel):
    id: str
    amount: "MoneyInput"
    term_months: int = Field(alias="termMonths")


class CreditApplicationIdInput(BaseModel):
    id: str


class DecideCreditOfferInput(BaseModel):
    offer_id: str = Field(alias="offerId")
    decision: CreditDecision


CreateProductInput.model_rebuild()
UpdateProductInput.model_rebuild()
PlaceOrderInput.model_rebuild()
TransferInput.model_rebuild()
ConvertCurrencyInput.model_rebuild()
TopUpInput.model_rebuild()
ChargeInput.model_rebuild()
UpdateCreditProductInput.model_rebuild()
ApplyForCreditInput.model_rebuild()
UpdateCreditApplicationInput.model_rebuild()
