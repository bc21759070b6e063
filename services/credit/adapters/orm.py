"""credit's tables. The columns are built by functions so the first migration creates exactly these tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    UniqueConstraint,
    Uuid,
    false,
)

from services.platform.db import UtcDateTime


def profiles_schema() -> list[Any]:
    return [
        Column("user_id", Uuid, primary_key=True),
        Column("currency", String(8), nullable=False),
        Column("annual_income", BigInteger, nullable=False),
        Column("monthly_debt", BigInteger, nullable=False),
        Column("employment", String(16), nullable=False),
        Column("birth_date", Date, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
    ]


def products_schema() -> list[Any]:
    return [
        Column("id", Uuid, primary_key=True),
        Column("code", String(64), nullable=False),
        Column("version", Integer, nullable=False),
        Column("purpose", String(16), nullable=False),
        Column("currency", String(8), nullable=False),
        Column("min_amount", BigInteger, nullable=False),
        Column("max_amount", BigInteger, nullable=False),
        Column("min_term_months", SmallInteger, nullable=False),
        Column("max_term_months", SmallInteger, nullable=False),
        Column("rate_min_hundredths", Integer, nullable=False),
        Column("rate_max_hundredths", Integer, nullable=False),
        Column("active", Boolean, nullable=False),
        Column("deleted", Boolean, nullable=False),
        UniqueConstraint("code", "version", name="uq_products_code_version"),
        CheckConstraint("min_amount <= max_amount AND min_term_months <= max_term_months", name="ck_products_bounds"),
    ]


def applications_schema() -> list[Any]:
    return [
        Column("id", Uuid, primary_key=True),  # UUIDv7: newest first is highest id first
        Column("user_id", Uuid, nullable=False),
        Column("currency", String(8), nullable=False),
        Column("amount", BigInteger, nullable=False),
        Column("term_months", SmallInteger, nullable=False),
        Column("purpose", String(16), nullable=False),
        Column("status", String(16), nullable=False),
        Column("active", Boolean, nullable=False),
        Column("revision", Integer, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
        Column("requested_at", UtcDateTime, nullable=False),
        Index("ix_applications_user_id_id", "user_id", "id"),
        Index("ix_applications_status_requested_at", "status", "requested_at"),
    ]


def assessments_schema() -> list[Any]:
    return [
        Column("application_id", Uuid, nullable=False),
        Column("revision", Integer, nullable=False),
        Column("user_id", Uuid, nullable=False),
        Column("score_tenths", SmallInteger, nullable=False),
        Column("risk", String(8), nullable=False),
        Column("approved", Boolean, nullable=False),
        Column("reasons", JSON, nullable=False),
        Column("factors", JSON, nullable=False),
        Column("hard_stop", String(128), nullable=False),
        Column("rules_version", String(32), nullable=False),
        Column("request", LargeBinary, nullable=False),
        Column("result", LargeBinary, nullable=False),
        Column("assessed_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint("application_id", "revision", name="pk_assessments"),
    ]


def offers_schema() -> list[Any]:
    return [
        Column("id", Uuid, primary_key=True),
        Column("application_id", Uuid, nullable=False),
        Column("user_id", Uuid, nullable=False),
        Column("product_id", Uuid, nullable=False),
        Column("currency", String(8), nullable=False),
        Column("amount", BigInteger, nullable=False),
        Column("term_months", SmallInteger, nullable=False),
        Column("rate_hundredths", Integer, nullable=False),
        Column("effective_rate_hundredths", Integer, nullable=False),
        Column("monthly_payment", BigInteger, nullable=False),
        Column("status", String(16), nullable=False),
        Column("expires_at", UtcDateTime, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("decided_at", UtcDateTime, nullable=True),
        Column("rules_version", String(32), nullable=False),
        Index("ix_offers_application_id", "application_id"),
        Index("ix_offers_user_id", "user_id"),
    ]


def loans_schema() -> list[Any]:
    return [
        Column("id", Uuid, primary_key=True),
        Column("offer_id", Uuid, nullable=False, unique=True),
        Column("application_id", Uuid, nullable=False),
        Column("user_id", Uuid, nullable=False),
        Column("currency", String(8), nullable=False),
        Column("principal", BigInteger, nullable=False),
        Column("rate_hundredths", Integer, nullable=False),
        Column("term_months", SmallInteger, nullable=False),
        Column("monthly_payment", BigInteger, nullable=False),
        Column("status", String(16), nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("disbursed_at", UtcDateTime, nullable=True),
        Index("ix_loans_user_id", "user_id"),
    ]


OFFER_EXPIRY_INDEX = ("ix_offers_status_expires_at", ["status", "expires_at"])
"""Added by migration 0004: the expiry sweep's look-up of proposals past their expiry."""


def early_repayment() -> Column[bool]:
    """Added by migration 0003: a payment outside the schedule that repays the principal owed."""
    return Column("early", Boolean, nullable=False, server_default=false())


def payments_schema() -> list[Any]:
    return [
        Column("id", Uuid, primary_key=True),
        Column("loan_id", Uuid, nullable=False),
        Column("user_id", Uuid, nullable=False),
        Column("number", SmallInteger, nullable=False),
        Column("due_on", Date, nullable=False),
        Column("principal", BigInteger, nullable=False),
        Column("interest", BigInteger, nullable=False),
        Column("status", String(16), nullable=False),
        Column("external_reference", String(64), nullable=True, unique=True),
        Column("attempts", SmallInteger, nullable=False),
        # The attempt wallet is asked to collect now; null while none is in flight.
        Column("collecting", SmallInteger, nullable=True),
        Column("next_attempt_at", UtcDateTime, nullable=True),
        Column("processed_at", UtcDateTime, nullable=True),
        Column("paid_on", Date, nullable=True),
        UniqueConstraint("loan_id", "number", name="uq_payments_loan_number"),
        Index("ix_payments_status_due_on", "status", "due_on"),
        Index("ix_payments_user_id", "user_id"),
    ]


def audit_requests_schema() -> list[Any]:
    return [
        Column("application_id", Uuid, nullable=False),
        Column("revision", Integer, nullable=False),
        Column("user_id", Uuid, nullable=False),
        Column("day", Date, nullable=False),
        Column("currency", String(8), nullable=False),
        Column("amount", BigInteger, nullable=False),
        Column("term_months", SmallInteger, nullable=False),
        Column("purpose", String(16), nullable=False),
        Column("employment", String(16), nullable=False),
        Column("age", SmallInteger, nullable=False),
        Column("annual_income", BigInteger, nullable=False),
        PrimaryKeyConstraint("application_id", "revision", name="pk_audit_requests"),
        Index("ix_audit_requests_day", "day"),
    ]


def audit_results_schema() -> list[Any]:
    return [
        Column("application_id", Uuid, nullable=False),
        Column("revision", Integer, nullable=False),
        Column("day", Date, nullable=False),
        Column("currency", String(8), nullable=False),
        Column("score_tenths", SmallInteger, nullable=False),
        Column("risk", String(8), nullable=False),
        Column("approved", Boolean, nullable=False),
        Column("reasons", JSON, nullable=False),
        Column("rules_version", String(32), nullable=False),
        PrimaryKeyConstraint("application_id", "revision", name="pk_audit_results"),
        Index("ix_audit_results_day", "day"),
    ]


def audit_offers_schema() -> list[Any]:
    return [
        Column("offer_id", Uuid, primary_key=True),
        Column("application_id", Uuid, nullable=False),
        Column("product_id", Uuid, nullable=False),
        Column("day", Date, nullable=False),
        Column("currency", String(8), nullable=False),
        Column("amount", BigInteger, nullable=False),
        Column("rate_hundredths", Integer, nullable=False),
        Column("monthly_payment", BigInteger, nullable=False),
        Column("status", String(16), nullable=False),
        Index("ix_audit_offers_day", "day"),
    ]


def reports_schema() -> list[Any]:
    return [
        Column("id", Uuid, primary_key=True),  # UUIDv7: newest first is highest id first
        Column("from_day", Date, nullable=False),
        Column("to_day", Date, nullable=False),
        Column("currency", String(8), nullable=False),
        Column("daily", Boolean, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("pdf", LargeBinary, nullable=False),
        Column("csv", LargeBinary, nullable=False),
        Index("ix_reports_daily_from_day", "daily", "from_day", "currency"),
    ]


metadata = MetaData()
profiles = Table("profiles", metadata, *profiles_schema())
products = Table("products", metadata, *products_schema())
applications = Table("applications", metadata, *applications_schema())
# Every assessment scoring made, one per application revision: the record that explains a decision.
assessments = Table("assessments", metadata, *assessments_schema())
offers = Table("offers", metadata, *offers_schema())
Index(OFFER_EXPIRY_INDEX[0], *(offers.c[column] for column in OFFER_EXPIRY_INDEX[1]))
loans = Table("loans", metadata, *loans_schema())
payments = Table("payments", metadata, *payments_schema(), early_repayment())
# The audit's record, from the events: every assessment request and result, and every offer with its last status.
audit_requests = Table("audit_requests", metadata, *audit_requests_schema())
audit_results = Table("audit_results", metadata, *audit_results_schema())
audit_offers = Table("audit_offers", metadata, *audit_offers_schema())
reports = Table("reports", metadata, *reports_schema())
