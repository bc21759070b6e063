from enum import StrEnum


class ApplicationStatus(StrEnum):
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    REVIEWING = "REVIEWING"

    @classmethod
    def _missing_(cls, value: object) -> "ApplicationStatus | None":
        """A value a newer server sends is read as a member of its own rather than refused."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
