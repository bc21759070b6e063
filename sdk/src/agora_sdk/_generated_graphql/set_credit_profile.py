from datetime import datetime
from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import EmploymentStatus
from .fragments import MoneyFields, UserErrorFields


class SetCreditProfile(BaseModel):
    set_credit_profile: "SetCreditProfileSetCreditProfile" = Field(
        alias="setCreditProfile"
    )


class SetCreditProfileSetCreditProfile(BaseModel):
    profile: Optional["SetCreditProfileSetCreditProfileProfile"]
    user_errors: list["SetCreditProfileSetCreditProfileUserErrors"] = Field(
        alias="userErrors"
    )


class SetCreditProfileSetCreditProfileProfile(BaseModel):
    annual_income: "SetCreditProfileSetCreditProfileProfileAnnualIncome" = Field(
        alias="annualIncome"
    )
    monthly_debt: "SetCreditProfileSetCreditProfileProfileMonthlyDebt" = Field(
        alias="monthlyDebt"
    )
    employment_status: EmploymentStatus = Field(alias="employmentStatus")
    birth_date: Any = Field(alias="birthDate")
    updated_at: datetime = Field(alias="updatedAt")


SetCreditProfileSetCreditProfileProfileAnnualIncome = MoneyFields
SetCreditProfileSetCreditProfileProfileMonthlyDebt = MoneyFields
SetCreditProfileSetCreditProfileUserErrors = UserErrorFields
SetCreditProfile.model_rebuild()
SetCreditProfileSetCreditProfile.model_rebuild()
SetCreditProfileSetCreditProfileProfile.model_rebuild()
