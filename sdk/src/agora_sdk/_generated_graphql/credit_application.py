from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    CreditApplicationFields,
    CreditApplicationFieldsAmount,
    CreditApplicationFieldsAssessment,
    CreditApplicationFieldsCurrentOffer,
    CreditOfferFields,
)


class CreditApplication(BaseModel):
    credit_application: Optional["CreditApplicationCreditApplication"] = Field(
        alias="creditApplication"
    )


class CreditApplicationCreditApplication(CreditApplicationFields):
    offers: list["CreditApplicationCreditApplicationOffers"]


CreditApplicationCreditApplicationOffers = CreditOfferFields
CreditApplication.model_rebuild()
CreditApplicationCreditApplication.model_rebuild()
