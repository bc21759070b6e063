"""Loans after acceptance: the disbursal wallet confirms, and instalments collected from the wallet when due.

A sweep asks wallet to collect each instalment that is due (and each delayed one whose retry time came), one
attempt at a time: the attempt in flight is recorded with the request in the outbox, and only that attempt's answer
moves the payment. Too little money delays the payment and retries it later; refused still `fail_after` past its
due date, it FAILED: no longer collected by the sweep, still owed (an early repayment settles it, and the loan
stays ACTIVE until then). The loan closes when nothing is owed.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

from services.credit.adapters.events import (
    instalment_collection_requested,
    loan_status_changed,
    payment_status_changed,
)
from services.credit.domain import LoanStatus, PaymentStatus
from services.credit.service_layer import CreditService


class Collections:
    def __init__(self, credit: CreditService, retry_after: timedelta, fail_after: timedelta) -> None:
        self.credit = credit
        self.retry_after = retry_after
        self.fail_after = fail_after

    async def on_disbursed(self, loan_id: uuid.UUID) -> None:
        """wallet paid the principal in: the loan is ACTIVE (a redelivery finds it so and changes nothing)."""
        now = self.credit.clock()
        async with self.credit.unit_of_work() as uow:
            loan = await uow.loans.get(loan_id, lock=True)
            if loan is None or loan.status is not LoanStatus.DISBURSING:
                return
            await uow.loans.set_status(loan_id, LoanStatus.ACTIVE, disbursed_at=now)
            await uow.outbox.add(loan_status_changed(replace(loan, status=LoanStatus.ACTIVE, disbursed_at=now)))
            await uow.commit()

    async def collect_due(self, limit: int = 100) -> int:
        """Asks wallet for every instalment due now; returns how many it asked for."""
        now = self.credit.clock()
        async with self.credit.unit_of_work() as uow:
            due = await uow.loans.collectable(now.date(), now, limit)
            for payment, _ in due:
                loan = await uow.loans.get(payment.loan_id)
                assert loan is not None
                asked = replace(payment, attempts=payment.attempts + 1)
                await uow.loans.save_payment(asked, collecting=asked.attempts)
                await uow.outbox.add(instalment_collection_requested(loan, asked))
                if asked.attempts == 1:
                    await uow.outbox.add(payment_status_changed(loan, asked, due=True))
            await uow.commit()
        return len(due)

    async def on_collected(self, payment_id: uuid.UUID, attempt: int, transaction_id: str) -> None:
        now = self.credit.clock()
        async with self.credit.unit_of_work() as uow:
            found = await uow.loans.payment(payment_id)
            if found is None or found[2] != attempt:
                return  # not the attempt in flight: a redelivery, answered already
            payment = replace(
                found[0].moved_to(PaymentStatus.COMPLETED, now), external_reference=transaction_id, paid_on=now.date()
            )
            await uow.loans.save_payment(payment, collecting=None)
            loan = await uow.loans.get(payment.loan_id, lock=True)
            assert loan is not None
            await uow.outbox.add(payment_status_changed(loan, payment))
            if payment.early:  # the principal owed is repaid: the rest of the schedule is void
                for rest in (p for p in loan.payments if p.owed and p.id != payment.id):
                    cancelled = rest.moved_to(PaymentStatus.CANCELED, now)
                    await uow.loans.save_payment(cancelled, collecting=None)
                    await uow.outbox.add(payment_status_changed(loan, cancelled))
            if await uow.loans.open_payments(loan.id) == 0:
                await uow.loans.set_status(loan.id, LoanStatus.CLOSED)
                closed = await uow.loans.get(loan.id)
                assert closed is not None
                await uow.outbox.add(loan_status_changed(closed))
            await uow.commit()

    async def on_refused(self, payment_id: uuid.UUID, attempt: int) -> None:
        """Nothing was taken: the payment is DELAYED and tried again after `retry_after`, or FAILED once it is
        `fail_after` past due (an early repayment is cancelled instead)."""
        now = self.credit.clock()
        async with self.credit.unit_of_work() as uow:
            found = await uow.loans.payment(payment_id)
            if found is None or found[2] != attempt:
                return
            payment = found[0]
            if payment.early:  # not repaid early after all: the schedule stands
                refused = payment.moved_to(PaymentStatus.CANCELED, now)
            elif now.date() - payment.due_on >= self.fail_after:
                refused = payment.moved_to(PaymentStatus.FAILED, now)
            elif payment.status is PaymentStatus.PLANNED:
                refused = payment.moved_to(PaymentStatus.DELAYED, now)
            else:
                refused = replace(payment, processed_at=now)
            retry_at = now + self.retry_after if refused.status is PaymentStatus.DELAYED else None
            await uow.loans.save_payment(refused, collecting=None, next_attempt_at=retry_at)
            loan = await uow.loans.get(payment.loan_id)
            assert loan is not None
            await uow.outbox.add(payment_status_changed(loan, refused))
            await uow.commit()
