from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.wallet_transaction_kind import WalletTransactionKind

if TYPE_CHECKING:
    from ..models.counterparty import Counterparty
    from ..models.money import Money


T = TypeVar("T", bound="WalletTransaction")


@_attrs_define
class WalletTransaction:
    """
    Attributes:
        id (UUID):
        kind (WalletTransactionKind):
        amounts (list[Money]): What the transaction did to my accounts; a conversion has one amount per currency.
        reference (str): The item bought, a charge's reference, or the refunded charge's id.
        created_at (datetime.datetime):
        counterparty (Counterparty | None):
    """

    id: UUID
    kind: WalletTransactionKind
    amounts: list[Money]
    reference: str
    created_at: datetime.datetime
    counterparty: Counterparty | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        id = str(self.id)

        kind = self.kind.value

        amounts = []
        for amounts_item_data in self.amounts:
            amounts_item = amounts_item_data.to_dict()
            amounts.append(amounts_item)

        reference = self.reference

        created_at = self.created_at.isoformat()

        counterparty: dict[str, Any] | None = None
        if self.counterparty is not None:
            counterparty = self.counterparty.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "amounts": amounts,
                "reference": reference,
                "created_at": created_at,
            }
        )
        if counterparty is not None:
            field_dict["counterparty"] = counterparty

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.counterparty import Counterparty
        from ..models.money import Money

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = WalletTransactionKind(d.pop("kind"))

        amounts = []
        _amounts = d.pop("amounts")
        for amounts_item_data in _amounts:
            amounts_item = Money.from_dict(amounts_item_data)

            amounts.append(amounts_item)

        reference = d.pop("reference")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _counterparty = d.pop("counterparty", None)
        counterparty: Counterparty | None = None
        if _counterparty is not None:
            counterparty = Counterparty.from_dict(_counterparty)

        wallet_transaction = cls(
            id=id,
            kind=kind,
            amounts=amounts,
            reference=reference,
            created_at=created_at,
            counterparty=counterparty,
        )

        wallet_transaction.additional_properties = d
        return wallet_transaction

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
