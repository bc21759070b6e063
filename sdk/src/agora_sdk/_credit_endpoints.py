"""The credit operations' requests, built by the generated client's per-operation request builders."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from agora_sdk._endpoints import Currency, _amount, _uuid, enum_argument
from agora_sdk._generated.api.credit import (
    create_credit_application,
    create_credit_product,
    create_credit_report,
    decide_credit_offer,
    delete_credit_application,
    delete_credit_product,
    download_credit_report_csv,
    download_credit_report_pdf,
    get_credit_application,
    get_credit_product,
    get_credit_profile,
    get_credit_statistics,
    get_loan,
    get_my_credit_profile,
    list_credit_applications,
    list_credit_offers,
    list_credit_products,
    list_credit_reports,
    list_loans,
    put_credit_profile,
    put_my_credit_profile,
    repay_loan,
    update_credit_application,
    update_credit_product,
)
from agora_sdk._generated.models import (
    CreditApplicationRequest,
    CreditApplicationUpdate,
    CreditOfferDecisionRequest,
    CreditOfferDecisionRequestDecision,
    CreditProductRequest,
    CreditProfileRequest,
    CreditReportRequest,
    EmploymentStatus,
    LoanPurpose,
    WalletCurrency,
)
from agora_sdk._options import RequestOptions

Id = UUID | str
Purpose = LoanPurpose | str
Employment = EmploymentStatus | str
Decision = CreditOfferDecisionRequestDecision | str


def _profile(
    annual_income: int, monthly_debt: int, currency: Currency, employment_status: Employment, birth_date: date | str
) -> CreditProfileRequest:
    return CreditProfileRequest(
        currency=enum_argument(WalletCurrency, currency),
        annual_income=annual_income,
        monthly_debt=monthly_debt,
        employment_status=enum_argument(EmploymentStatus, employment_status),
        birth_date=_day(birth_date),
    )


def get_my_credit_profile_request() -> RequestOptions:
    return RequestOptions.from_generated(get_my_credit_profile._get_kwargs())


def put_my_credit_profile_request(
    *, annual_income: int, monthly_debt: int, currency: Currency, employment_status: Employment, birth_date: date | str
) -> RequestOptions:
    body = _profile(annual_income, monthly_debt, currency, employment_status, birth_date)
    return RequestOptions.from_generated(put_my_credit_profile._get_kwargs(body=body))


def get_credit_profile_request(user_id: Id) -> RequestOptions:
    return RequestOptions.from_generated(get_credit_profile._get_kwargs(_uuid(user_id)))


def put_credit_profile_request(
    user_id: Id,
    *,
    annual_income: int,
    monthly_debt: int,
    currency: Currency,
    employment_status: Employment,
    birth_date: date | str,
) -> RequestOptions:
    body = _profile(annual_income, monthly_debt, currency, employment_status, birth_date)
    return RequestOptions.from_generated(put_credit_profile._get_kwargs(_uuid(user_id), body=body))


def list_credit_products_request(*, include_inactive: bool | None) -> RequestOptions:
    return RequestOptions.from_generated(list_credit_products._get_kwargs(include_inactive=include_inactive))


def get_credit_product_request(product_id: Id) -> RequestOptions:
    return RequestOptions.from_generated(get_credit_product._get_kwargs(_uuid(product_id)))


def credit_product_body(
    *,
    code: str,
    purpose: Purpose,
    currency: Currency,
    min_amount: int,
    max_amount: int,
    min_term_months: int,
    max_term_months: int,
    rate_min: str,
    rate_max: str,
    version: int | None = None,
    active: bool | None = None,
) -> CreditProductRequest:
    return CreditProductRequest(
        code=code,
        purpose=enum_argument(LoanPurpose, purpose),
        currency=enum_argument(WalletCurrency, currency),
        min_amount=min_amount,
        max_amount=max_amount,
        min_term_months=min_term_months,
        max_term_months=max_term_months,
        rate_min=rate_min,
        rate_max=rate_max,
        version=version,
        active=active,
    )


def create_credit_product_request(body: CreditProductRequest) -> RequestOptions:
    return RequestOptions.from_generated(create_credit_product._get_kwargs(body=body))


def update_credit_product_request(product_id: Id, body: CreditProductRequest) -> RequestOptions:
    return RequestOptions.from_generated(update_credit_product._get_kwargs(_uuid(product_id), body=body))


def delete_credit_product_request(product_id: Id) -> RequestOptions:
    return RequestOptions.from_generated(delete_credit_product._get_kwargs(_uuid(product_id)))


def create_credit_application_request(
    *, amount: int, currency: Currency, term_months: int, purpose: Purpose
) -> RequestOptions:
    body = CreditApplicationRequest(
        amount=_amount(amount, currency), term_months=term_months, purpose=enum_argument(LoanPurpose, purpose)
    )
    return RequestOptions.from_generated(create_credit_application._get_kwargs(body=body))


def list_credit_applications_request(*, cursor: str | None, limit: int | None) -> RequestOptions:
    kwargs = list_credit_applications._get_kwargs(cursor=cursor, limit=limit)
    return RequestOptions.from_generated(kwargs)


def get_credit_application_request(application_id: Id) -> RequestOptions:
    return RequestOptions.from_generated(get_credit_application._get_kwargs(_uuid(application_id)))


def update_credit_application_request(
    application_id: Id, *, amount: int, currency: Currency, term_months: int
) -> RequestOptions:
    body = CreditApplicationUpdate(amount=_amount(amount, currency), term_months=term_months)
    return RequestOptions.from_generated(update_credit_application._get_kwargs(_uuid(application_id), body=body))


def delete_credit_application_request(application_id: Id) -> RequestOptions:
    return RequestOptions.from_generated(delete_credit_application._get_kwargs(_uuid(application_id)))


def list_credit_offers_request(application_id: Id) -> RequestOptions:
    return RequestOptions.from_generated(list_credit_offers._get_kwargs(_uuid(application_id)))


def decide_credit_offer_request(offer_id: Id, decision: Decision) -> RequestOptions:
    body = CreditOfferDecisionRequest(decision=enum_argument(CreditOfferDecisionRequestDecision, decision))
    return RequestOptions.from_generated(decide_credit_offer._get_kwargs(_uuid(offer_id), body=body))


def list_loans_request() -> RequestOptions:
    return RequestOptions.from_generated(list_loans._get_kwargs())


def get_loan_request(loan_id: Id) -> RequestOptions:
    return RequestOptions.from_generated(get_loan._get_kwargs(_uuid(loan_id)))


def get_credit_statistics_request(*, from_day: date | str, to_day: date | str, currency: Currency) -> RequestOptions:
    kwargs = get_credit_statistics._get_kwargs(
        from_=_day(from_day), to=_day(to_day), currency=enum_argument(WalletCurrency, currency)
    )
    return RequestOptions.from_generated(kwargs)


def create_credit_report_request(*, from_day: date | str, to_day: date | str, currency: Currency) -> RequestOptions:
    body = CreditReportRequest(from_=_day(from_day), to=_day(to_day), currency=enum_argument(WalletCurrency, currency))
    return RequestOptions.from_generated(create_credit_report._get_kwargs(body=body))


def list_credit_reports_request() -> RequestOptions:
    return RequestOptions.from_generated(list_credit_reports._get_kwargs())


def download_credit_report_request(report_id: Id, *, pdf: bool) -> RequestOptions:
    download = download_credit_report_pdf if pdf else download_credit_report_csv
    return RequestOptions.from_generated(download._get_kwargs(_uuid(report_id)))


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def repay_loan_request(loan_id: Id) -> RequestOptions:
    return RequestOptions.from_generated(repay_loan._get_kwargs(_uuid(loan_id)))
