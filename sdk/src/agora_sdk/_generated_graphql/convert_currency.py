from decimal import Decimal
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import TransactionFields, UserErrorFields


class ConvertCurrency(BaseModel):
    convert_currency: "ConvertCurrencyConvertCurrency" = Field(alias="convertCurrency")


class ConvertCurrencyConvertCurrency(BaseModel):
    transaction: Optional["ConvertCurrencyConvertCurrencyTransaction"]
    rate: Optional[Decimal]
    user_errors: list["ConvertCurrencyConvertCurrencyUserErrors"] = Field(
        alias="userErrors"
    )


ConvertCurrencyConvertCurrencyTransaction = TransactionFields
ConvertCurrencyConvertCurrencyUserErrors = UserErrorFields
ConvertCurrency.model_rebuild()
ConvertCurrencyConvertCurrency.model_rebuild()
