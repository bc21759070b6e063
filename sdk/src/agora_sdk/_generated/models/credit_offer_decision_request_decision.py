from enum import StrEnum


class CreditOfferDecisionRequestDecision(StrEnum):
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"

    def __str__(self) -> str:
        return str(self.value)
