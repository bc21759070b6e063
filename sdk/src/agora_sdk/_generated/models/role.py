from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CUSTOMER = "customer"

    def __str__(self) -> str:
        return str(self.value)
