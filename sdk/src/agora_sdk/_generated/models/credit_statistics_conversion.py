from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CreditStatisticsConversion")


@_attrs_define
class CreditStatisticsConversion:
    """Shares of the applications requested in the range.

    Attributes:
        request_to_approval (float):
        approval_to_offer (float):
        request_to_offer (float):
    """

    request_to_approval: float
    approval_to_offer: float
    request_to_offer: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        request_to_approval = self.request_to_approval

        approval_to_offer = self.approval_to_offer

        request_to_offer = self.request_to_offer

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_to_approval": request_to_approval,
                "approval_to_offer": approval_to_offer,
                "request_to_offer": request_to_offer,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        request_to_approval = d.pop("request_to_approval")

        approval_to_offer = d.pop("approval_to_offer")

        request_to_offer = d.pop("request_to_offer")

        credit_statistics_conversion = cls(
            request_to_approval=request_to_approval,
            approval_to_offer=approval_to_offer,
            request_to_offer=request_to_offer,
        )

        credit_statistics_conversion.additional_properties = d
        return credit_statistics_conversion

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
