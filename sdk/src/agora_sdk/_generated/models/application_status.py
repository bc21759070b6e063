from enum import StrEnum


class ApplicationStatus(StrEnum):
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    REVIEWING = "REVIEWING"

    def __str__(self) -> str:
        return str(self.value)
