from enum import StrEnum


class WalletTransactionKind(StrEnum):
    CHARGE = "charge"
    CONVERSION = "conversion"
    GRANT = "grant"
    LOAN_DISBURSAL = "loan_disbursal"
    LOAN_REPAYMENT = "loan_repayment"
    PURCHASE = "purchase"
    REFUND = "refund"
    TOP_UP = "top_up"
    TRANSFER = "transfer"

    @classmethod
    def _missing_(cls, value: object) -> "WalletTransactionKind | None":
        """A value a newer server sends is read as a member of its own rather than refused."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
