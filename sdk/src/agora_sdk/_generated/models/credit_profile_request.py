from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.employment_status import EmploymentStatus

if TYPE_CHECKING:
    from ..models.credit_amount import CreditAmount


T = TypeVar("T", bound="CreditProfileRequest")


@_attrs_define
class CreditProfileRequest:
    """
    Attributes:
        annual_income (CreditAmount): An amount in the currency's minor units, 0 or more.
        monthly_debt (CreditAmount): An amount in the currency's minor units, 0 or more.
        employment_status (EmploymentStatus):
        birth_date (datetime.date): The client is 18 to 100 years old.
    """

    annual_income: CreditAmount
    monthly_debt: CreditAmount
    employment_status: EmploymentStatus
    birth_date: datetime.date

    def to_dict(self) -> dict[str, Any]:
        annual_income = self.annual_income.to_dict()

        monthly_debt = self.monthly_debt.to_dict()

        employment_status = self.employment_status.value

        birth_date = self.birth_date.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "annual_income": annual_income,
                "monthly_debt": monthly_debt,
                "employment_status": employment_status,
                "birth_date": birth_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.credit_amount import CreditAmount

        d = dict(src_dict)
        annual_income = CreditAmount.from_dict(d.pop("annual_income"))

        monthly_debt = CreditAmount.from_dict(d.pop("monthly_debt"))

        employment_status = EmploymentStatus(d.pop("employment_status"))

        birth_date = datetime.date.fromisoformat(d.pop("birth_date"))

        credit_profile_request = cls(
            annual_income=annual_income,
            monthly_debt=monthly_debt,
            employment_status=employment_status,
            birth_date=birth_date,
        )

        return credit_profile_request
