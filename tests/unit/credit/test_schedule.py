"""The repayment schedule: the golden case, due dates, and properties over random loans."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from services.credit.schedule import months_after, repayment_schedule
from services.scoring.rules import monthly_payment


def test_the_golden_schedule() -> None:
    schedule = repayment_schedule(1_000_000, 1200, 12, date(2026, 1, 15))  # 10,000.00 at 12 % over 12 months

    assert [i.amount for i in schedule] == [88_849] * 11 + [88_847]
    assert sum(i.interest for i in schedule) == 66_186
    assert sum(i.principal for i in schedule) == 1_000_000
    assert (schedule[0].interest, schedule[0].principal, schedule[0].balance_after) == (10_000, 78_849, 921_151)
    assert schedule[-1].balance_after == 0
    assert [i.due_on for i in schedule[:2]] == [date(2026, 2, 15), date(2026, 3, 15)]
    assert schedule[-1].due_on == date(2027, 1, 15)


def test_a_zero_rate_pays_equal_parts_and_the_last_the_rest() -> None:
    assert [i.amount for i in repayment_schedule(1_000, 0, 3, date(2026, 1, 1))] == [333, 333, 334]


def test_due_dates_keep_the_disbursal_day_clamped_to_each_month() -> None:
    schedule = repayment_schedule(120_000, 1000, 4, date(2026, 1, 31))
    assert [i.due_on for i in schedule] == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)]
    assert months_after(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert months_after(date(2026, 12, 5), 1) == date(2027, 1, 5)


@given(
    principal=st.integers(min_value=1, max_value=10**15),
    rate_hundredths=st.integers(min_value=0, max_value=10_000),
    term_months=st.integers(min_value=1, max_value=360),
)
def test_every_schedule_repays_the_principal_exactly(principal: int, rate_hundredths: int, term_months: int) -> None:
    schedule = repayment_schedule(principal, rate_hundredths, term_months, date(2026, 3, 31))
    payment = monthly_payment(principal, rate_hundredths, term_months)

    assert len(schedule) == term_months
    assert sum(i.principal for i in schedule) == principal
    assert all(i.principal >= 0 and i.interest >= 0 for i in schedule)
    assert [i.balance_after for i in schedule] == [
        principal - sum(j.principal for j in schedule[: k + 1]) for k in range(term_months)
    ]
    assert schedule[-1].balance_after == 0
    # Every instalment but the last is the annuity, as long as the balance covers it.
    assert all(i.amount == payment for i in schedule[:-1] if i.balance_after > 0)
    assert sorted({i.due_on for i in schedule}) == [i.due_on for i in schedule]
