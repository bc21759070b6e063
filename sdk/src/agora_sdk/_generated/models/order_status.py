from enum import StrEnum


class OrderStatus(StrEnum):
    CANCELLED = "CANCELLED"
    CANCELLING = "CANCELLING"
    COMPENSATION_FAILED = "COMPENSATION_FAILED"
    DELIVERED = "DELIVERED"
    PAID = "PAID"
    PENDING = "PENDING"
    RESERVED = "RESERVED"
    SHIPPED = "SHIPPED"

    def __str__(self) -> str:
        return str(self.value)
