from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.summary import Summary
    from ..models.tally import Tally


T = TypeVar("T", bound="CreditStatisticsOffers")


@_attrs_define
class CreditStatisticsOffers:
    """
    Attributes:
        count (int):
        amount (Summary): Count, average, minimum and maximum of a quantity; all 0 without values.
        rate (Summary): Count, average, minimum and maximum of a quantity; all 0 without values.
        monthly_payment (Summary): Count, average, minimum and maximum of a quantity; all 0 without values.
        by_product (list[Tally]):
    """

    count: int
    amount: Summary
    rate: Summary
    monthly_payment: Summary
    by_product: list[Tally]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        count = self.count

        amount = self.amount.to_dict()

        rate = self.rate.to_dict()

        monthly_payment = self.monthly_payment.to_dict()

        by_product = []
        for by_product_item_data in self.by_product:
            by_product_item = by_product_item_data.to_dict()
            by_product.append(by_product_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "amount": amount,
                "rate": rate,
                "monthly_payment": monthly_payment,
                "by_product": by_product,
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

        rate = Summary.from_dict(d.pop("rate"))

        monthly_payment = Summary.from_dict(d.pop("monthly_payment"))

        by_product = []
        _by_product = d.pop("by_product")
        for by_product_item_data in _by_product:
            by_product_item = Tally.from_dict(by_product_item_data)

            by_product.append(by_product_item)

        credit_statistics_offers = cls(
            count=count,
            amount=amount,
            rate=rate,
            monthly_payment=monthly_payment,
            by_product=by_product,
        )

        credit_statistics_offers.additional_properties = d
        return credit_statistics_offers

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
