from enum import StrEnum


class WalletCurrency(StrEnum):
    CHF = "CHF"
    COIN = "COIN"
    EUR = "EUR"
    GBP = "GBP"
    JPY = "JPY"
    RUB = "RUB"
    USD = "USD"

    def __str__(self) -> str:
        return str(self.value)
