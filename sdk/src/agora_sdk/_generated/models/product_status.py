from enum import StrEnum


class ProductStatus(StrEnum):
    ACTIVE = "active"
    DELETING = "deleting"
    INACTIVE = "inactive"

    def __str__(self) -> str:
        return str(self.value)
