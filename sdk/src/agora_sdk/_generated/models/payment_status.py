from enum import StrEnum


class PaymentStatus(StrEnum):
    CANCELED = "CANCELED"
    COMPLETED = "COMPLETED"
    DELAYED = "DELAYED"
    FAILED = "FAILED"
    PLANNED = "PLANNED"

    def __str__(self) -> str:
        return str(self.value)
