"""Money as every service keeps it: an integer count of the currency's minor units and the currency's code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    """An integer count of the currency's minor units (cents for USD; COIN has none)."""

    amount: int
    currency: str
