from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.product_deletion_state import ProductDeletionState

T = TypeVar("T", bound="ProductDeletion")


@_attrs_define
class ProductDeletion:
    """
    Attributes:
        id (UUID):
        product_id (UUID):
        state (ProductDeletionState): `pending` while references are being dropped; `completed` when the product is
            removed;
            `cancelled` when a participant did not confirm in time and the product was restored.
        confirmed_by (list[str]): The services that dropped their references.
        waiting_for (list[str]): The services still to confirm.
        started_at (datetime.datetime):
        updated_at (datetime.datetime):
        reason (str | None): Why a deletion was cancelled.
    """

    id: UUID
    product_id: UUID
    state: ProductDeletionState
    confirmed_by: list[str]
    waiting_for: list[str]
    started_at: datetime.datetime
    updated_at: datetime.datetime
    reason: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        id = str(self.id)

        product_id = str(self.product_id)

        state = self.state.value

        confirmed_by = self.confirmed_by

        waiting_for = self.waiting_for

        started_at = self.started_at.isoformat()

        updated_at = self.updated_at.isoformat()

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "product_id": product_id,
                "state": state,
                "confirmed_by": confirmed_by,
                "waiting_for": waiting_for,
                "started_at": started_at,
                "updated_at": updated_at,
            }
        )
        if reason is not None:
            field_dict["reason"] = reason

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        product_id = UUID(d.pop("product_id"))

        state = ProductDeletionState(d.pop("state"))

        confirmed_by = cast(list[str], d.pop("confirmed_by"))

        waiting_for = cast(list[str], d.pop("waiting_for"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        reason = d.pop("reason", None)

        product_deletion = cls(
            id=id,
            product_id=product_id,
            state=state,
            confirmed_by=confirmed_by,
            waiting_for=waiting_for,
            started_at=started_at,
            updated_at=updated_at,
            reason=reason,
        )

        product_deletion.additional_properties = d
        return product_deletion

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
