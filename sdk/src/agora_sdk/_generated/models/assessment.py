from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.risk_band import RiskBand

if TYPE_CHECKING:
    from ..models.score_factor import ScoreFactor


T = TypeVar("T", bound="Assessment")


@_attrs_define
class Assessment:
    """What scoring decided for the application's current revision, and why.

    Attributes:
        revision (int):
        score (float): 0 to 100, one decimal.
        risk (RiskBand):
        approved (bool):
        reasons (list[str]):
        factors (list[ScoreFactor]):
        dsr (float): Debt service ratio in percent, two decimals.
        lti (float): Loan to annual income, three decimals.
        rules_version (str):
        assessed_at (datetime.datetime):
        hard_stop (str | None): The hard stop that decided, when one did.
    """

    revision: int
    score: float
    risk: RiskBand
    approved: bool
    reasons: list[str]
    factors: list[ScoreFactor]
    dsr: float
    lti: float
    rules_version: str
    assessed_at: datetime.datetime
    hard_stop: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        revision = self.revision

        score = self.score

        risk = self.risk.value

        approved = self.approved

        reasons = self.reasons

        factors = []
        for factors_item_data in self.factors:
            factors_item = factors_item_data.to_dict()
            factors.append(factors_item)

        dsr = self.dsr

        lti = self.lti

        rules_version = self.rules_version

        assessed_at = self.assessed_at.isoformat()

        hard_stop = self.hard_stop

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "revision": revision,
                "score": score,
                "risk": risk,
                "approved": approved,
                "reasons": reasons,
                "factors": factors,
                "dsr": dsr,
                "lti": lti,
                "rules_version": rules_version,
                "assessed_at": assessed_at,
            }
        )
        if hard_stop is not None:
            field_dict["hard_stop"] = hard_stop

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.score_factor import ScoreFactor

        d = dict(src_dict)
        revision = d.pop("revision")

        score = d.pop("score")

        risk = RiskBand(d.pop("risk"))

        approved = d.pop("approved")

        reasons = cast(list[str], d.pop("reasons"))

        factors = []
        _factors = d.pop("factors")
        for factors_item_data in _factors:
            factors_item = ScoreFactor.from_dict(factors_item_data)

            factors.append(factors_item)

        dsr = d.pop("dsr")

        lti = d.pop("lti")

        rules_version = d.pop("rules_version")

        assessed_at = datetime.datetime.fromisoformat(d.pop("assessed_at"))

        hard_stop = d.pop("hard_stop", None)

        assessment = cls(
            revision=revision,
            score=score,
            risk=risk,
            approved=approved,
            reasons=reasons,
            factors=factors,
            dsr=dsr,
            lti=lti,
            rules_version=rules_version,
            assessed_at=assessed_at,
            hard_stop=hard_stop,
        )

        assessment.additional_properties = d
        return assessment

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
