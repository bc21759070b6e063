from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.summary import Summary
    from ..models.tally import Tally


T = TypeVar("T", bound="CreditStatisticsRequests")


@_attrs_define
class CreditStatisticsRequests:
    """
    Attributes:
        count (int):
        amount (Summary): Count, average, minimum and maximum of a quantity; all 0 without values.
        average_term_months (float):
        average_age (float):
        average_annual_income (float):
        by_purpose (list[Tally]):
        by_employment (list[Tally]):
    """

    count: int
    amount: Summary
    average_term_months: float
    average_age: float
    average_annual_income: float
    by_purpose: list[Tally]
    by_employment: list[Tally]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        count = self.count

        amount = self.amount.to_dict()

        average_term_months = self.average_term_months

        average_age = self.average_age

        average_annual_income = self.average_annual_income

        by_purpose = []
        for by_purpose_item_data in self.by_purpose:
            by_purpose_item = by_purpose_item_data.to_dict()
            by_purpose.append(by_purpose_item)

        by_employment = []
        for by_employment_item_data in self.by_employment:
            by_employment_item = by_employment_item_data.to_dict()
            by_employment.append(by_employment_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "amount": amount,
                "average_term_months": average_term_months,
                "average_age": average_age,
                "average_annual_income": average_annual_income,
                "by_purpose": by_purpose,
                "by_employment": by_employment,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.summary import Summary
        from ..models.tally import Tally

        d = dict(src_dict)
        count = d.pop("count")

        amount = Summary.from_dict(d.pop("amount"))

        average_term_months = d.pop("average_term_months")

        average_age = d.pop("average_age")

        average_annual_income = d.pop("average_annual_income")

        by_purpose = []
        _by_purpose = d.pop("by_purpose")
        for by_purpose_item_data in _by_purpose:
            by_purpose_item = Tally.from_dict(by_purpose_item_data)

            by_purpose.append(by_purpose_item)

        by_employment = []
        _by_employment = d.pop("by_employment")
        for by_employment_item_data in _by_employment:
            by_employment_item = Tally.from_dict(by_employment_item_data)

            by_employment.append(by_employment_item)

        credit_statistics_requests = cls(
            count=count,
            amount=amount,
            average_term_months=average_term_months,
            average_age=average_age,
            average_annual_income=average_annual_income,
            by_purpose=by_purpose,
            by_employment=by_employment,
        )

        credit_statistics_requests.additional_properties = d
        return credit_statistics_requests

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
