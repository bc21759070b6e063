from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CUSTOMER = "customer"

    @classmethod
    def _missing_(cls, value: object) -> "Role | None":
        """A value a newer server sends is read as a member of its own rather than refused."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
