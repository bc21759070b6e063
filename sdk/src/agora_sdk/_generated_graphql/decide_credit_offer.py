from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CreditOfferFields, LoanFields, UserErrorFields


class DecideCreditOffer(BaseModel):
    decide_credit_offer: "DecideCreditOfferDecideCreditOffer" = Field(
        alias="decideCreditOffer"
    )


class DecideCreditOfferDecideCreditOffer(BaseModel):
    offer: Optional["DecideCreditOfferDecideCreditOfferOffer"]
    loan: Optional["DecideCreditOfferDecideCreditOfferLoan"]
    user_errors: list["DecideCreditOfferDecideCreditOfferUserErrors"] = Field(
        alias="userErrors"
    )


DecideCreditOfferDecideCreditOfferOffer = CreditOfferFields
DecideCreditOfferDecideCreditOfferLoan = LoanFields
DecideCreditOfferDecideCreditOfferUserErrors = UserErrorFields
DecideCreditOffer.model_rebuild()
DecideCreditOfferDecideCreditOffer.model_rebuild()
