"""Money as every service keeps it: an integer count of the currency's minor units and the currency's code."""

from __future__ import annotations

from dataclasses import dataclass

COIN = "COIN"
MINOR_UNIT_DIGITS = {COIN: 0, "USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "RUB": 2, "JPY": 0}
"""The currencies the platform keeps, with how many decimal digits their minor unit has."""
MAX_AMOUNT = 10**15
"""The largest amount one posting moves, in minor units."""


@dataclass(frozen=True)
class Money:
    """An integer count of the currency's minor units (cents for USD; COIN has none)."""

    amount: int
    currency: str
