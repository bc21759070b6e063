from pydantic import Field

from .base_model import BaseModel
from .enums import LoanPurpose
from .fragments import MoneyFields


class CreditProducts(BaseModel):
    credit_products: list["CreditProductsCreditProducts"] = Field(
        alias="creditProducts"
    )


class CreditProductsCreditProducts(BaseModel):
    id: str
    code: str
    version: int
    purpose: LoanPurpose
    min_term_months: int = Field(alias="minTermMonths")
    max_term_months: int = Field(alias="maxTermMonths")
    rate_min: str = Field(alias="rateMin")
    rate_max: str = Field(alias="rateMax")
    active: bool
    min_amount: "CreditProductsCreditProductsMinAmount" = Field(alias="minAmount")
    max_amount: "CreditProductsCreditProductsMaxAmount" = Field(alias="maxAmount")


CreditProductsCreditProductsMinAmount = MoneyFields
CreditProductsCreditProductsMaxAmount = MoneyFields
CreditProducts.model_rebuild()
CreditProductsCreditProducts.model_rebuild()
