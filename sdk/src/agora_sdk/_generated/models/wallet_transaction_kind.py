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

    def __str__(self) -> str:
        return str(self.value)
