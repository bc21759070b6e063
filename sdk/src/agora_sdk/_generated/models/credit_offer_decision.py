from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.credit_offer import CreditOffer
    from ..models.loan import Loan


T = TypeVar("T", bound="CreditOfferDecision")


@_attrs_define
class CreditOfferDecision:
    """
    Attributes:
        offer (CreditOffer):
        loan (Loan | None):
    """

    offer: CreditOffer
    loan: Loan | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        offer = self.offer.to_dict()

        loan: dict[str, Any] | None = None
        if self.loan is not None:
            loan = self.loan.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "offer": offer,
            }
        )
        if loan is not None:
            field_dict["loan"] = loan

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.credit_offer import CreditOffer
        from ..models.loan import Loan

        d = dict(src_dict)
        offer = CreditOffer.from_dict(d.pop("offer"))

        _loan = d.pop("loan", None)
        loan: Loan | None = None
        if _loan is not None:
            loan = Loan.from_dict(_loan)

        credit_offer_decision = cls(
            offer=offer,
            loan=loan,
        )

        credit_offer_decision.additional_properties = d
        return credit_offer_decision

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
