from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_status import PaymentStatus

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="LoanPayment")


@_attrs_define
class LoanPayment:
    """
    Attributes:
        id (UUID):
        number (int):
        due_on (datetime.date):
        principal (Money): An amount in minor units; negative when money left the account.
        interest (Money): An amount in minor units; negative when money left the account.
        amount (Money): An amount in minor units; negative when money left the account.
        status (PaymentStatus):
        attempts (int): How many times it was asked of the wallet.
        external_reference (str | None): The wallet transaction that paid it.
        early (bool | None): An early repayment of the principal owed (no interest), outside the schedule.
        processed_at (datetime.datetime | None):
    """

    id: UUID
    number: int
    due_on: datetime.date
    principal: Money
    interest: Money
    amount: Money
    status: PaymentStatus
    attempts: int
    external_reference: str | None = None
    early: bool | None = None
    processed_at: datetime.datetime | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """The X-Request-Id of the response this model was read from (None for a model built or nested)."""

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object; a field that is None is left out."""
        id = str(self.id)

        number = self.number

        due_on = self.due_on.isoformat()

        principal = self.principal.to_dict()

        interest = self.interest.to_dict()

        amount = self.amount.to_dict()

        status = self.status.value

        attempts = self.attempts

        external_reference = self.external_reference

        early = self.early

        processed_at: str | None = None
        if self.processed_at is not None:
            processed_at = self.processed_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "number": number,
                "due_on": due_on,
                "principal": principal,
                "interest": interest,
                "amount": amount,
                "status": status,
                "attempts": attempts,
            }
        )
        if external_reference is not None:
            field_dict["external_reference"] = external_reference
        if early is not None:
            field_dict["early"] = early
        if processed_at is not None:
            field_dict["processed_at"] = processed_at

        return field_dict

    def to_json(self) -> str:
        """The model as JSON text, the same object as `to_dict`."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.money import Money

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        number = d.pop("number")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        principal = Money.from_dict(d.pop("principal"))

        interest = Money.from_dict(d.pop("interest"))

        amount = Money.from_dict(d.pop("amount"))

        status = PaymentStatus(d.pop("status"))

        attempts = d.pop("attempts")

        external_reference = d.pop("external_reference", None)

        early = d.pop("early", None)

        _processed_at = d.pop("processed_at", None)
        processed_at: datetime.datetime | None = None
        if _processed_at is not None:
            processed_at = datetime.datetime.fromisoformat(_processed_at)

        loan_payment = cls(
            id=id,
            number=number,
            due_on=due_on,
            principal=principal,
            interest=interest,
            amount=amount,
            status=status,
            attempts=attempts,
            external_reference=external_reference,
            early=early,
            processed_at=processed_at,
        )

        loan_payment.additional_properties = d
        return loan_payment

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
