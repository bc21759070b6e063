from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewRequest")


@_attrs_define
class ReviewRequest:
    """
    Attributes:
        rating (int):
        text (str | Unset):
    """

    rating: int
    text: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        rating = self.rating

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rating": rating,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        rating = d.pop("rating")

        text = d.pop("text", UNSET)

        review_request = cls(
            rating=rating,
            text=text,
        )

        return review_request
