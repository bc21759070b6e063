from enum import StrEnum


class LoanStatus(StrEnum):
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"
    DISBURSING = "DISBURSING"

    @classmethod
    def _missing_(cls, value: object) -> "LoanStatus | None":
        """A value a newer server sends is read as a member of its own rather than refused."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
