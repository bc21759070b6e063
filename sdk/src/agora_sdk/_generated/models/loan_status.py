from enum import StrEnum


class LoanStatus(StrEnum):
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"
    DISBURSING = "DISBURSING"

    def __str__(self) -> str:
        return str(self.value)
