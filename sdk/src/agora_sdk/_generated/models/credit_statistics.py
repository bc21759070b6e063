from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.wallet_currency import WalletCurrency

if TYPE_CHECKING:
    from ..models.credit_statistics_conversion import CreditStatisticsConversion
    from ..models.credit_statistics_offers import CreditStatisticsOffers
    from ..models.credit_statistics_requests import CreditStatisticsRequests
    from ..models.credit_statistics_results import CreditStatisticsResults


T = TypeVar("T", bound="CreditStatistics")


@_attrs_define
class CreditStatistics:
    """
    Attributes:
        from_ (datetime.date):
        to (datetime.date):
        currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none, the others two digits.
        requests (CreditStatisticsRequests):
        results (CreditStatisticsResults):
        offers (CreditStatisticsOffers):
        conversion (CreditStatisticsConversion): Shares of the applications requested in the range.
    """

    from_: datetime.date
    to: datetime.date
    currency: WalletCurrency
    requests: CreditStatisticsRequests
    results: CreditStatisticsResults
    offers: CreditStatisticsOffers
    conversion: CreditStatisticsConversion
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        currency = self.currency.value

        requests = self.requests.to_dict()

        results = self.results.to_dict()

        offers = self.offers.to_dict()

        conversion = self.conversion.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "currency": currency,
                "requests": requests,
                "results": results,
                "offers": offers,
                "conversion": conversion,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.credit_statistics_conversion import CreditStatisticsConversion
        from ..models.credit_statistics_offers import CreditStatisticsOffers
        from ..models.credit_statistics_requests import CreditStatisticsRequests
        from ..models.credit_statistics_results import CreditStatisticsResults

        d = dict(src_dict)
        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        currency = WalletCurrency(d.pop("currency"))

        requests = CreditStatisticsRequests.from_dict(d.pop("requests"))

        results = CreditStatisticsResults.from_dict(d.pop("results"))

        offers = CreditStatisticsOffers.from_dict(d.pop("offers"))

        conversion = CreditStatisticsConversion.from_dict(d.pop("conversion"))

        credit_statistics = cls(
            from_=from_,
            to=to,
            currency=currency,
            requests=requests,
            results=results,
            offers=offers,
            conversion=conversion,
        )

        credit_statistics.additional_properties = d
        return credit_statistics

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
