from enum import StrEnum


class OfferStatus(StrEnum):
    ACCEPTED = "ACCEPTED"
    CANCELED = "CANCELED"
    EXPIRED = "EXPIRED"
    PROPOSED = "PROPOSED"
    REJECTED = "REJECTED"

    def __str__(self) -> str:
        return str(self.value)
