from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.summary import Summary
    from ..models.tally import Tally


T = TypeVar("T", bound="CreditStatisticsResults")


@_attrs_define
class CreditStatisticsResults:
    """
    Attributes:
        count (int):
        approved (int):
        approval_rate (float):
        score (Summary): Count, average, minimum and maximum of a quantity; all 0 without values.
        by_risk (list[Tally]):
        by_rejection_reason (list[Tally]):
    """

    count: int
    approved: int
    approval_rate: float
    score: Summary
    by_risk: list[Tally]
    by_rejection_reason: list[Tally]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        count = self.count

        approved = self.approved

        approval_rate = self.approval_rate

        score = self.score.to_dict()

        by_risk = []
        for by_risk_item_data in self.by_risk:
            by_risk_item = by_risk_item_data.to_dict()
            by_risk.append(by_risk_item)

        by_rejection_reason = []
        for by_rejection_reason_item_data in self.by_rejection_reason:
            by_rejection_reason_item = by_rejection_reason_item_data.to_dict()
            by_rejection_reason.append(by_rejection_reason_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "approved": approved,
                "approval_rate": approval_rate,
                "score": score,
                "by_risk": by_risk,
                "by_rejection_reason": by_rejection_reason,
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

        approved = d.pop("approved")

        approval_rate = d.pop("approval_rate")

        score = Summary.from_dict(d.pop("score"))

        by_risk = []
        _by_risk = d.pop("by_risk")
        for by_risk_item_data in _by_risk:
            by_risk_item = Tally.from_dict(by_risk_item_data)

            by_risk.append(by_risk_item)

        by_rejection_reason = []
        _by_rejection_reason = d.pop("by_rejection_reason")
        for by_rejection_reason_item_data in _by_rejection_reason:
            by_rejection_reason_item = Tally.from_dict(by_rejection_reason_item_data)

            by_rejection_reason.append(by_rejection_reason_item)

        credit_statistics_results = cls(
            count=count,
            approved=approved,
            approval_rate=approval_rate,
            score=score,
            by_risk=by_risk,
            by_rejection_reason=by_rejection_reason,
        )

        credit_statistics_results.additional_properties = d
        return credit_statistics_results

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
