"""A loan's repayment schedule: annuity instalments whose principal parts add up to the principal exactly."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from services.scoring.rules import monthly_payment, monthly_rate, round_half_up


@dataclass(frozen=True)
class Instalment:
    number: int
    due_on: date
    principal: int
    interest: int
    balance_after: int

    @property
    def amount(self) -> int:
        return self.principal + self.interest


def months_after(start: date, months: int) -> date:
    """The same day of the month, `months` later, clamped to that month's length (31 January + 1 is 28 February)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def repayment_schedule(principal: int, rate_hundredths: int, term_months: int, disbursed_on: date) -> list[Instalment]:
    """Per instalment: interest = round(balance x r) to the minor unit, principal = A - interest (never more than
    what is owed); the last instalment takes the remaining balance, so Σ principal = P. Due monthly from one month
    after disbursal, each counted from the disbursal day so a short month does not shift the ones after it."""
    payment, r = monthly_payment(principal, rate_hundredths, term_months), monthly_rate(rate_hundredths)
    balance, instalments = principal, []
    for number in range(1, term_months + 1):
        interest = round_half_up(balance * r)
        part = balance if number == term_months else min(max(payment - interest, 0), balance)
        balance -= part
        instalments.append(Instalment(number, months_after(disbursed_on, number), part, interest, balance))
    return instalments
