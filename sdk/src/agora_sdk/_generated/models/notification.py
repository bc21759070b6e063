from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.notification_data import NotificationData


T = TypeVar("T", bound="Notification")


@_attrs_define
class Notification:
    """
    Attributes:
        id (UUID):
        cursor (str): A position in my notifications (the decimal sequence number of the last one seen).
        kind (str): What happened, e.g. `welcome`.
        title (str):
        body (str):
        data (NotificationData):
        created_at (datetime.datetime):
        read_at (datetime.datetime | None):
    """

    id: UUID
    cursor: str
    kind: str
    title: str
    body: str
    data: NotificationData
    created_at: datetime.datetime
    read_at: datetime.datetime | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        id = str(self.id)

        cursor = self.cursor

        kind = self.kind

        title = self.title

        body = self.body

        data = self.data.to_dict()

        created_at = self.created_at.isoformat()

        read_at: str | None = None
        if self.read_at is not None:
            read_at = self.read_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "cursor": cursor,
                "kind": kind,
                "title": title,
                "body": body,
                "data": data,
                "created_at": created_at,
            }
        )
        if read_at is not None:
            field_dict["read_at"] = read_at

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.notification_data import NotificationData

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        cursor = d.pop("cursor")

        kind = d.pop("kind")

        title = d.pop("title")

        body = d.pop("body")

        data = NotificationData.from_dict(d.pop("data"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _read_at = d.pop("read_at", None)
        read_at: datetime.datetime | None = None
        if _read_at is not None:
            read_at = datetime.datetime.fromisoformat(_read_at)

        notification = cls(
            id=id,
            cursor=cursor,
            kind=kind,
            title=title,
            body=body,
            data=data,
            created_at=created_at,
            read_at=read_at,
        )

        notification.additional_properties = d
        return notification

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
