"""Wires credit together: its database, use cases, the assessor and wallet answers, its sweeps and gRPC server."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from services.credit.adapters.scoring import ScoringEngine
from services.credit.adapters.unit_of_work import CreditUnitOfWork
from services.credit.assessments import Assessor
from services.credit.audit import Audit
from services.credit.collections import Collections
from services.credit.entrypoints.consumer import subscriptions
from services.credit.entrypoints.grpc import credit_servicer
from services.credit.service_layer import CreditService
from services.platform.bus import Bus
from services.platform.clock import file_clock, utc_now
from services.platform.grpc_client import Caller
from services.platform.money import MINOR_UNIT_DIGITS
from services.platform.runner import RunningService, open_database, serve, start_sweeping
from services.platform.settings import Settings

NAME = "credit"
MIGRATIONS = Path(__file__).parent / "migrations"


async def start(settings: Settings, address: str, bus: Bus) -> RunningService:
    database = await open_database(settings, NAME, MIGRATIONS)
    clock = file_clock(settings.credit_clock_file) if settings.credit_clock_file else utc_now
    service = CreditService(lambda: CreditUnitOfWork(database), clock)
    engine = ScoringEngine(settings.scoring_address, Caller.of(settings, NAME))
    collections = Collections(
        service,
        retry_after=timedelta(seconds=settings.credit_collection_retry_seconds),
        fail_after=timedelta(days=settings.credit_collection_fail_after_days),
    )
    audit = Audit(database, clock)
    running = await serve(
        NAME,
        address,
        [credit_servicer(service, audit)],
        settings=settings,
        database=database,
        bus=bus,
        subscriptions=subscriptions(Assessor(service, engine, clock), collections, audit, settings.event_namespace),
    )
    running.closers.append(engine.close)
    start_sweeping(running, collections.collect_due, settings.credit_collection_sweep_seconds, "collecting instalments")
    start_sweeping(running, service.expire_offers, settings.credit_offer_expiry_sweep_seconds, "expiring offers")
    retry = settings.credit_assessment_retry_seconds

    async def ask_again() -> int:
        await service.ask_again(retry)
        return 0  # one pass per interval: answers take a while to come back

    start_sweeping(running, ask_again, retry, "asking again for unanswered assessments")

    async def daily_reports() -> int:
        await audit.make_daily_reports(list(MINOR_UNIT_DIGITS))
        return 0  # a day's report is made once; the next pass looks at the next day

    start_sweeping(running, daily_reports, settings.credit_report_sweep_seconds, "making yesterday's credit reports")
    return running
