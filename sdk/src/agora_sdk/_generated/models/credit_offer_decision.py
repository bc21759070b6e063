from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credit_offer import CreditOffer
    from ..models.loan import Loan


T = TypeVar("T", bound="CreditOfferDecision")


@_attrs_define
class CreditOfferDecision:
    """
    Attributes:
        offer (CreditOffer):
        loan (Loan | Unset):
    """

    offer: CreditOffer
    loan: Loan | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        offer = self.offer.to_dict()

        loan: dict[str, Any] | Unset = UNSET
        if not isinstance(self.loan, Unset):
            loan = self.loan.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "offer": offer,
            }
        )
        if loan is not UNSET:
            field_dict["loan"] = loan

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.credit_offer import CreditOffer
        from ..models.loan import Loan

        d = dict(src_dict)
        offer = CreditOffer.from_dict(d.pop("offer"))

        _loan = d.pop("loan", UNSET)
        loan: Loan | Unset
        if isinstance(_loan, Unset):
            loan = UNSET
        else:
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
