from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CreditApplicationFields, UserErrorFields


class ApplyForCredit(BaseModel):
    apply_for_credit: "ApplyForCreditApplyForCredit" = Field(alias="applyForCredit")


class ApplyForCreditApplyForCredit(BaseModel):
    application: Optional["ApplyForCreditApplyForCreditApplication"]
    user_errors: list["ApplyForCreditApplyForCreditUserErrors"] = Field(
        alias="userErrors"
    )


ApplyForCreditApplyForCreditApplication = CreditApplicationFields
ApplyForCreditApplyForCreditUserErrors = UserErrorFields
ApplyForCredit.model_rebuild()
ApplyForCreditApplyForCredit.model_rebuild()
