from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    CreditOfferFields,
    CreditOfferFieldsAmount,
    CreditOfferFieldsMonthlyPayment,
)


class OfferProposed(BaseModel):
    offer_proposed: "OfferProposedOfferProposed" = Field(alias="offerProposed")


class OfferProposedOfferProposed(CreditOfferFields):
    application: Optional["OfferProposedOfferProposedApplication"]


class OfferProposedOfferProposedApplication(BaseModel):
    id: str


OfferProposed.model_rebuild()
OfferProposedOfferProposed.model_rebuild()
