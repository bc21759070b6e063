from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.employment_status import EmploymentStatus

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="CreditProfile")


@_attrs_define
class CreditProfile:
    """
    Attributes:
        user_id (UUID):
        annual_income (Money): An amount in minor units; negative when money left the account.
        monthly_debt (Money): An amount in minor units; negative when money left the account.
        employment_status (EmploymentStatus):
        birth_date (datetime.date):
        updated_at (datetime.datetime):
    """

    user_id: UUID
    annual_income: Money
    monthly_debt: Money
    employment_status: EmploymentStatus
    birth_date: datetime.date
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        user_id = str(self.user_id)

        annual_income = self.annual_income.to_dict()

        monthly_debt = self.monthly_debt.to_dict()

        employment_status = self.employment_status.value

        birth_date = self.birth_date.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "annual_income": annual_income,
                "monthly_debt": monthly_debt,
                "employment_status": employment_status,
                "birth_date": birth_date,
                "updated_at": updated_at,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.money import Money

        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        annual_income = Money.from_dict(d.pop("annual_income"))

        monthly_debt = Money.from_dict(d.pop("monthly_debt"))

        employment_status = EmploymentStatus(d.pop("employment_status"))

        birth_date = datetime.date.fromisoformat(d.pop("birth_date"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        credit_profile = cls(
            user_id=user_id,
            annual_income=annual_income,
            monthly_debt=monthly_debt,
            employment_status=employment_status,
            birth_date=birth_date,
            updated_at=updated_at,
        )

        credit_profile.additional_properties = d
        return credit_profile

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
