from enum import StrEnum


class LoanPurpose(StrEnum):
    AUTO = "AUTO"
    BUSINESS = "BUSINESS"
    CONSUMER = "CONSUMER"
    EDUCATION = "EDUCATION"
    MEDICAL = "MEDICAL"
    MORTGAGE = "MORTGAGE"
    OVERDRAFT = "OVERDRAFT"
    REFINANCE = "REFINANCE"
    SECURED = "SECURED"
    UNSECURED = "UNSECURED"

    def __str__(self) -> str:
        return str(self.value)
