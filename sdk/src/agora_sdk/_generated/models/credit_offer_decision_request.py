from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.credit_offer_decision_request_decision import (
    CreditOfferDecisionRequestDecision,
)

T = TypeVar("T", bound="CreditOfferDecisionRequest")


@_attrs_define
class CreditOfferDecisionRequest:
    """
    Attributes:
        decision (CreditOfferDecisionRequestDecision):
    """

    decision: CreditOfferDecisionRequestDecision
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        decision = self.decision.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        decision = CreditOfferDecisionRequestDecision(d.pop("decision"))

        credit_offer_decision_request = cls(
            decision=decision,
        )

        return credit_offer_decision_request
