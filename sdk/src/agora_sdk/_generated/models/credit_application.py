from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.application_status import ApplicationStatus
from ..models.loan_purpose import LoanPurpose

if TYPE_CHECKING:
    from ..models.assessment import Assessment
    from ..models.money import Money


T = TypeVar("T", bound="CreditApplication")


@_attrs_define
class CreditApplication:
    """
    Attributes:
        id (UUID):
        user_id (UUID):
        amount (Money): An amount in minor units; negative when money left the account.
        term_months (int):
        purpose (LoanPurpose):
        status (ApplicationStatus):
        active (bool): False once withdrawn.
        revision (int): 1, and one more with every update.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        assessment (Assessment | None): What scoring decided for the application's current revision, and why.
        current_offer_id (UUID | None): The accepted offer, else the live proposed one that expires last.
    """

    id: UUID
    user_id: UUID
    amount: Money
    term_months: int
    purpose: LoanPurpose
    status: ApplicationStatus
    active: bool
    revision: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    assessment: Assessment | None = None
    current_offer_id: UUID | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        id = str(self.id)

        user_id = str(self.user_id)

        amount = self.amount.to_dict()

        term_months = self.term_months

        purpose = self.purpose.value

        status = self.status.value

        active = self.active

        revision = self.revision

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        assessment: dict[str, Any] | None = None
        if self.assessment is not None:
            assessment = self.assessment.to_dict()

        current_offer_id: str | None = None
        if self.current_offer_id is not None:
            current_offer_id = str(self.current_offer_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "amount": amount,
                "term_months": term_months,
                "purpose": purpose,
                "status": status,
                "active": active,
                "revision": revision,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if assessment is not None:
            field_dict["assessment"] = assessment
        if current_offer_id is not None:
            field_dict["current_offer_id"] = current_offer_id

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assessment import Assessment
        from ..models.money import Money

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        user_id = UUID(d.pop("user_id"))

        amount = Money.from_dict(d.pop("amount"))

        term_months = d.pop("term_months")

        purpose = LoanPurpose(d.pop("purpose"))

        status = ApplicationStatus(d.pop("status"))

        active = d.pop("active")

        revision = d.pop("revision")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        _assessment = d.pop("assessment", None)
        assessment: Assessment | None = None
        if _assessment is not None:
            assessment = Assessment.from_dict(_assessment)

        _current_offer_id = d.pop("current_offer_id", None)
        current_offer_id: UUID | None = None
        if _current_offer_id is not None:
            current_offer_id = UUID(_current_offer_id)

        credit_application = cls(
            id=id,
            user_id=user_id,
            amount=amount,
            term_months=term_months,
            purpose=purpose,
            status=status,
            active=active,
            revision=revision,
            created_at=created_at,
            updated_at=updated_at,
            assessment=assessment,
            current_offer_id=current_offer_id,
        )

        credit_application.additional_properties = d
        return credit_application

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
