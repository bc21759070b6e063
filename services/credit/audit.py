"""The audit: a record of every assessment request, result and offer, kept from credit's events, and the
statistics and reports it serves to admins.

It runs in credit's process on a queue of its own and writes tables of its own in credit's database; it reads
only what the events carried (and product codes), so it could move to a service of its own unchanged. Each
record is keyed by what it describes (an application's revision, an offer), so a redelivered event writes nothing.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from agora.credit.v1 import credit_pb2 as pb
from agora.events.v1.credit_pb2 import AssessmentCompleted, AssessmentRequested, OfferStatusChanged
from agora.scoring.v1 import scoring_pb2 as scoring_pb
from services.credit.adapters.orm import audit_offers, audit_requests, audit_results, products, reports
from services.credit.reports import render_csv, render_pdf
from services.platform.clock import Clock
from services.platform.db import Database, conflict_dialect
from services.platform.errors import InvalidArgument, NotFound
from services.platform.events import Event
from services.platform.ids import uuid7
from services.platform.money import MINOR_UNIT_DIGITS
from services.platform.proto_enums import member_name

MAX_RANGE_DAYS = 366


class ReportNotFound(NotFound):
    code = "report_not_found"


def days_of(from_day: str, to_day: str, currency: str) -> tuple[date, date]:
    try:
        first, last = date.fromisoformat(from_day), date.fromisoformat(to_day)
    except ValueError:
        raise InvalidArgument("days are YYYY-MM-DD") from None
    if not first <= last <= first + timedelta(days=MAX_RANGE_DAYS - 1):
        raise InvalidArgument(f"a range runs forward, {MAX_RANGE_DAYS} days at most")
    if currency not in MINOR_UNIT_DIGITS:
        raise InvalidArgument(f"unsupported currency {currency!r}")
    return first, last


def summary(values: Sequence[int]) -> pb.Summary:
    if not values:
        return pb.Summary()
    return pb.Summary(count=len(values), average=sum(values) / len(values), minimum=min(values), maximum=max(values))


def tallies(keys: Iterable[str]) -> list[pb.Tally]:
    return [pb.Tally(key=key, count=count) for key, count in sorted(Counter(keys).items())]


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def average(values: Sequence[int]) -> float:
    return sum(values) / len(values) if values else 0.0


class Audit:
    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    # -- the record ------------------------------------------------------------------------------------------

    async def record(self, events: Sequence[Event]) -> None:
        """Records the events in one transaction (they arrive in batches), each at most once."""
        async with self.database.sessions() as session, session.begin():
            for event in events:
                day = event.envelope.occurred_at.ToDatetime().date()
                payload = event.payload
                if isinstance(payload, AssessmentRequested):
                    await self._insert(session, audit_requests, request_row(payload, day))
                elif isinstance(payload, AssessmentCompleted):
                    await self._insert(session, audit_results, result_row(payload, day))
                elif isinstance(payload, OfferStatusChanged):
                    await self._record_offer(session, payload.offer, day)

    async def _insert(self, session: AsyncSession, table: Any, row: dict[str, Any]) -> None:
        await session.execute(conflict_dialect(session).insert(table).values(**row).on_conflict_do_nothing())

    async def _record_offer(self, session: AsyncSession, offer: pb.Offer, day: date) -> None:
        status = member_name(pb.OfferStatus, offer.status, "OFFER_STATUS_")
        row = {
            "offer_id": uuid.UUID(offer.id),
            "application_id": uuid.UUID(offer.application_id),
            "product_id": uuid.UUID(offer.product_id),
            "day": day,
            "currency": offer.amount.currency,
            "amount": offer.amount.amount,
            "rate_hundredths": offer.rate_hundredths,
            "monthly_payment": offer.monthly_payment.amount,
            "status": status,
        }
        insert = conflict_dialect(session).insert(audit_offers).values(**row)
        # Proposed first, then one final status (its day stays the proposal's); a late PROPOSED changes nothing.
        decided = insert.on_conflict_do_update(
            index_elements=["offer_id"], set_={"status": status}, where=audit_offers.c.status == "PROPOSED"
        )
        await session.execute(decided)

    # -- statistics ------------------------------------------------------------------------------------------

    async def statistics(self, from_day: str, to_day: str, currency: str) -> pb.Statistics:
        first, last = days_of(from_day, to_day, currency)
        async with self.database.sessions() as session:
            requested = await rows(session, audit_requests, first, last, currency)
            results = await rows(session, audit_results, first, last, currency)
            offered = await rows(session, audit_offers, first, last, currency)
            codes = {
                row.id: f"{row.code} v{row.version}"
                for row in await session.execute(select(products.c.id, products.c.code, products.c.version))
            }
        return statistics_of(first, last, currency, requested, results, offered, codes)

    # -- reports ---------------------------------------------------------------------------------------------

    async def create_report(self, from_day: str, to_day: str, currency: str, *, daily: bool = False) -> pb.Report:
        figures = await self.statistics(from_day, to_day, currency)
        report = pb.Report(
            id=str(uuid7()), from_day=figures.from_day, to_day=figures.to_day, currency=currency, daily=daily
        )
        now = self.clock()
        report.created_at.FromDatetime(now)
        async with self.database.sessions() as session, session.begin():
            await session.execute(
                reports.insert().values(
                    id=uuid.UUID(report.id),
                    from_day=date.fromisoformat(report.from_day),
                    to_day=date.fromisoformat(report.to_day),
                    currency=currency,
                    daily=daily,
                    created_at=now,
                    pdf=render_pdf(figures, daily),
                    csv=render_csv(figures),
                )
            )
        return report

    async def reports(self) -> list[pb.Report]:
        statement = select(
            reports.c.id,
            reports.c.from_day,
            reports.c.to_day,
            reports.c.currency,
            reports.c.daily,
            reports.c.created_at,
        ).order_by(reports.c.id.desc())
        async with self.database.sessions() as session:
            found = list(await session.execute(statement))
        listed = []
        for row in found:
            report = pb.Report(
                id=str(row.id),
                from_day=row.from_day.isoformat(),
                to_day=row.to_day.isoformat(),
                currency=row.currency,
                daily=row.daily,
            )
            report.created_at.FromDatetime(row.created_at)
            listed.append(report)
        return listed

    async def report_file(self, report_id: uuid.UUID, pdf: bool) -> tuple[bytes, str, str]:
        """The report as PDF or CSV: its content, media type and file name."""
        column = reports.c.pdf if pdf else reports.c.csv
        async with self.database.sessions() as session:
            row = (await session.execute(select(column, reports.c.from_day, reports.c.to_day).where(
                reports.c.id == report_id))).first()  # fmt: skip
        if row is None:
            raise ReportNotFound(f"no report {report_id}")
        name = f"credit-{row.from_day.isoformat()}-{row.to_day.isoformat()}"
        return (row[0], "application/pdf", f"{name}.pdf") if pdf else (row[0], "text/csv", f"{name}.csv")

    async def make_daily_reports(self, currencies: Sequence[str]) -> int:
        """Yesterday's report in each currency that had requests, once; returns how many it made."""
        yesterday = self.clock().date() - timedelta(days=1)
        made = 0
        async with self.database.sessions() as session:
            done: set[str] = set(
                (
                    await session.execute(
                        select(reports.c.currency).where(reports.c.daily.is_(True), reports.c.from_day == yesterday)
                    )
                ).scalars()
            )
            active: set[str] = set(
                (
                    await session.execute(
                        select(audit_requests.c.currency).where(audit_requests.c.day == yesterday).distinct()
                    )
                ).scalars()
            )
        for currency in sorted((active & set(currencies)) - done):
            await self.create_report(yesterday.isoformat(), yesterday.isoformat(), currency, daily=True)
            made += 1
        return made


async def rows(session: AsyncSession, table: Any, first: date, last: date, currency: str) -> list[Any]:
    statement = select(table).where(table.c.day >= first, table.c.day <= last, table.c.currency == currency)
    return list(await session.execute(statement))


def request_row(requested: AssessmentRequested, day: date) -> dict[str, Any]:
    request = requested.request
    return {
        "application_id": uuid.UUID(requested.application_id),
        "revision": requested.revision,
        "user_id": uuid.UUID(requested.user_id),
        "day": day,
        "currency": request.loan.amount.currency,
        "amount": request.loan.amount.amount,
        "term_months": request.loan.term_months,
        "purpose": member_name(scoring_pb.LoanPurpose, request.loan.purpose, "LOAN_PURPOSE_"),
        "employment": member_name(
            scoring_pb.EmploymentStatus, request.applicant.employment_status, "EMPLOYMENT_STATUS_"
        ),
        "age": request.applicant.age,
        "annual_income": request.applicant.annual_income.amount,
    }


def result_row(completed: AssessmentCompleted, day: date) -> dict[str, Any]:
    result = completed.result
    return {
        "application_id": uuid.UUID(completed.application_id),
        "revision": completed.revision,
        "day": day,
        "currency": completed.request.loan.amount.currency,
        "score_tenths": result.score_tenths,
        "risk": member_name(scoring_pb.RiskBand, result.risk, "RISK_BAND_"),
        "approved": result.approved,
        "reasons": list(result.reasons),
        "rules_version": result.rules_version,
    }


def statistics_of(
    first: date,
    last: date,
    currency: str,
    requested: Sequence[Any],
    results: Sequence[Any],
    offered: Sequence[Any],
    product_names: dict[uuid.UUID, str],
) -> pb.Statistics:
    approved = [r for r in results if r.approved]
    asked = {r.application_id for r in requested}
    approved_applications = {r.application_id for r in approved} & asked
    offered_applications = {o.application_id for o in offered} & asked
    name_of: Callable[[uuid.UUID], str] = lambda product_id: product_names.get(product_id, str(product_id))  # noqa: E731
    return pb.Statistics(
        from_day=first.isoformat(),
        to_day=last.isoformat(),
        currency=currency,
        requests=pb.RequestStatistics(
            count=len(requested),
            amount=summary([r.amount for r in requested]),
            average_term_months=average([r.term_months for r in requested]),
            average_age=average([r.age for r in requested]),
            average_annual_income=average([r.annual_income for r in requested]),
            by_purpose=tallies(r.purpose for r in requested),
            by_employment=tallies(r.employment for r in requested),
        ),
        results=pb.ResultStatistics(
            count=len(results),
            approved=len(approved),
            approval_rate=share(len(approved), len(results)),
            score_tenths=summary([r.score_tenths for r in results]),
            by_risk=tallies(r.risk for r in results),
            by_rejection_reason=tallies(reason for r in results if not r.approved for reason in r.reasons),
        ),
        offers=pb.OfferStatistics(
            count=len(offered),
            amount=summary([o.amount for o in offered]),
            rate_hundredths=summary([o.rate_hundredths for o in offered]),
            monthly_payment=summary([o.monthly_payment for o in offered]),
            by_product=tallies(name_of(o.product_id) for o in offered),
        ),
        conversion=pb.Conversion(
            request_to_approval=share(len(approved_applications), len(asked)),
            approval_to_offer=share(len(offered_applications & approved_applications), len(approved_applications)),
            request_to_offer=share(len(offered_applications), len(asked)),
        ),
    )
