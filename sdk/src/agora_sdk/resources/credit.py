"""Credit: my financial profile, applications, offers and loans; credit products and any profile for admins."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Unpack

from agora_sdk import _credit_endpoints as endpoints
from agora_sdk._base_client import FILE_CONTENT, AsyncAPIClient, SyncAPIClient
from agora_sdk._credit_endpoints import Decision, Employment, Id, Purpose
from agora_sdk._endpoints import Currency
from agora_sdk._generated.models import (
    CreditApplication,
    CreditApplicationPage,
    CreditOfferDecision,
    CreditOfferList,
    CreditProduct,
    CreditProductList,
    CreditProfile,
    CreditReport,
    CreditReportList,
    CreditStatistics,
    Loan,
    LoanList,
)
from agora_sdk._options import CallOptions, MutationOptions
from agora_sdk._pagination import aiterate_pages, iterate_pages
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource


class CreditProfiles(SyncAPIResource):
    """Anyone's financial profile (admins only)."""

    def get(self, user_id: Id, **per_call: Unpack[CallOptions]) -> CreditProfile:
        return self._client.request(endpoints.get_credit_profile_request(user_id), CreditProfile.from_dict, **per_call)

    def set(
        self,
        user_id: Id,
        *,
        annual_income: int,
        monthly_debt: int,
        currency: Currency,
        employment_status: Employment,
        birth_date: date | str,
        **per_call: Unpack[MutationOptions],
    ) -> CreditProfile:
        options = endpoints.put_credit_profile_request(
            user_id,
            annual_income=annual_income,
            monthly_debt=monthly_debt,
            currency=currency,
            employment_status=employment_status,
            birth_date=birth_date,
        )
        return self._client.request(options, CreditProfile.from_dict, **per_call)


class CreditProducts(SyncAPIResource):
    """The credit products on offer; admins create, change and delete them."""

    def list(self, *, include_inactive: bool | None = None, **per_call: Unpack[CallOptions]) -> CreditProductList:
        options = endpoints.list_credit_products_request(include_inactive=include_inactive)
        return self._client.request(options, CreditProductList.from_dict, **per_call)

    def get(self, product_id: Id, **per_call: Unpack[CallOptions]) -> CreditProduct:
        return self._client.request(
            endpoints.get_credit_product_request(product_id), CreditProduct.from_dict, **per_call
        )

    def create(
        self,
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
        **per_call: Unpack[MutationOptions],
    ) -> CreditProduct:
        """A new product; rates are nominal annual percentages as decimal strings ("11.5")."""
        body = endpoints.credit_product_body(
            code=code,
            purpose=purpose,
            currency=currency,
            min_amount=min_amount,
            max_amount=max_amount,
            min_term_months=min_term_months,
            max_term_months=max_term_months,
            rate_min=rate_min,
            rate_max=rate_max,
            version=version,
            active=active,
        )
        return self._client.request(endpoints.create_credit_product_request(body), CreditProduct.from_dict, **per_call)

    def update(
        self,
        product_id: Id,
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
        **per_call: Unpack[MutationOptions],
    ) -> CreditProduct:
        """Replaces the product's terms; offers made already keep theirs."""
        body = endpoints.credit_product_body(
            code=code,
            purpose=purpose,
            currency=currency,
            min_amount=min_amount,
            max_amount=max_amount,
            min_term_months=min_term_months,
            max_term_months=max_term_months,
            rate_min=rate_min,
            rate_max=rate_max,
            version=version,
            active=active,
        )
        options = endpoints.update_credit_product_request(product_id, body)
        return self._client.request(options, CreditProduct.from_dict, **per_call)

    def delete(self, product_id: Id, **per_call: Unpack[MutationOptions]) -> None:
        self._client.request(endpoints.delete_credit_product_request(product_id), None, **per_call)


class CreditApplications(SyncAPIResource):
    """My applications: assessed asynchronously by scoring, then offered, rejected, revised or withdrawn."""

    def create(
        self,
        *,
        amount: int,
        currency: Currency,
        term_months: int,
        purpose: Purpose,
        **per_call: Unpack[MutationOptions],
    ) -> CreditApplication:
        """A new application, REVIEWING until its assessment arrives (NotFoundError `profile_not_found` without a
        profile, `no_suitable_product` when no product takes it)."""
        options = endpoints.create_credit_application_request(
            amount=amount, currency=currency, term_months=term_months, purpose=purpose
        )
        return self._client.request(options, CreditApplication.from_dict, **per_call)

    def list(
        self, *, cursor: str | None = None, limit: int | None = None, **per_call: Unpack[CallOptions]
    ) -> CreditApplicationPage:
        options = endpoints.list_credit_applications_request(cursor=cursor, limit=limit)
        return self._client.request(options, CreditApplicationPage.from_dict, **per_call)

    def iter(self, *, page_size: int | None = None, **per_call: Unpack[CallOptions]) -> Iterator[CreditApplication]:
        """All my applications, newest first, fetching pages as the iteration needs them."""
        return iterate_pages(lambda cursor: self.list(cursor=cursor, limit=page_size, **per_call))

    def get(self, application_id: Id, **per_call: Unpack[CallOptions]) -> CreditApplication:
        options = endpoints.get_credit_application_request(application_id)
        return self._client.request(options, CreditApplication.from_dict, **per_call)

    def update(
        self,
        application_id: Id,
        *,
        amount: int,
        currency: Currency,
        term_months: int,
        **per_call: Unpack[MutationOptions],
    ) -> CreditApplication:
        """A new amount and term: assessed again, its proposed offers expire (ConflictError once decided)."""
        options = endpoints.update_credit_application_request(
            application_id, amount=amount, currency=currency, term_months=term_months
        )
        return self._client.request(options, CreditApplication.from_dict, **per_call)

    def withdraw(self, application_id: Id, **per_call: Unpack[MutationOptions]) -> None:
        """Cancels its offers and makes it inactive (ConflictError once approved)."""
        self._client.request(endpoints.delete_credit_application_request(application_id), None, **per_call)

    def offers(self, application_id: Id, **per_call: Unpack[CallOptions]) -> CreditOfferList:
        """The offers made for it, newest first."""
        options = endpoints.list_credit_offers_request(application_id)
        return self._client.request(options, CreditOfferList.from_dict, **per_call)


class CreditOffers(SyncAPIResource):
    def decide(self, offer_id: Id, decision: Decision, **per_call: Unpack[MutationOptions]) -> CreditOfferDecision:
        """ACCEPTED or REJECTED, for a live proposed offer; accepting makes the loan (ConflictError
        `offer_expired` or `offer_not_proposed` otherwise)."""
        options = endpoints.decide_credit_offer_request(offer_id, decision)
        return self._client.request(options, CreditOfferDecision.from_dict, **per_call)

    def accept(self, offer_id: Id, **per_call: Unpack[MutationOptions]) -> CreditOfferDecision:
        return self.decide(offer_id, "ACCEPTED", **per_call)

    def reject(self, offer_id: Id, **per_call: Unpack[MutationOptions]) -> CreditOfferDecision:
        return self.decide(offer_id, "REJECTED", **per_call)


class Loans(SyncAPIResource):
    def list(self, **per_call: Unpack[CallOptions]) -> LoanList:
        """My loans, newest first, without their schedules."""
        return self._client.request(endpoints.list_loans_request(), LoanList.from_dict, **per_call)

    def get(self, loan_id: Id, **per_call: Unpack[CallOptions]) -> Loan:
        """One loan with its schedule and each payment's status."""
        return self._client.request(endpoints.get_loan_request(loan_id), Loan.from_dict, **per_call)

    def repay(self, loan_id: Id, **per_call: Unpack[MutationOptions]) -> Loan:
        """Repays the principal still owed now, without further interest: collected from my wallet at once; the rest
        of the schedule is cancelled once it is paid (ConflictError `repayment_in_progress` while a payment is
        being collected)."""
        return self._client.request(endpoints.repay_loan_request(loan_id), Loan.from_dict, **per_call)


class CreditAudit(SyncAPIResource):
    """The audit's statistics and reports (admins only)."""

    def statistics(
        self, *, from_day: date | str, to_day: date | str, currency: Currency, **per_call: Unpack[CallOptions]
    ) -> CreditStatistics:
        """Requests, results, offers and conversion over the days from `from_day` to `to_day`, both included."""
        options = endpoints.get_credit_statistics_request(from_day=from_day, to_day=to_day, currency=currency)
        return self._client.request(options, CreditStatistics.from_dict, **per_call)

    def create_report(
        self, *, from_day: date | str, to_day: date | str, currency: Currency, **per_call: Unpack[MutationOptions]
    ) -> CreditReport:
        """A report of the range, rendered now as PDF and CSV and kept."""
        options = endpoints.create_credit_report_request(from_day=from_day, to_day=to_day, currency=currency)
        return self._client.request(options, CreditReport.from_dict, **per_call)

    def reports(self, **per_call: Unpack[CallOptions]) -> CreditReportList:
        """Every report kept, newest first (one a day, and those asked for)."""
        return self._client.request(endpoints.list_credit_reports_request(), CreditReportList.from_dict, **per_call)

    def report_pdf(self, report_id: Id, **per_call: Unpack[CallOptions]) -> bytes:
        options = endpoints.download_credit_report_request(report_id, pdf=True)
        return self._client.request(options, FILE_CONTENT, **per_call)

    def report_csv(self, report_id: Id, **per_call: Unpack[CallOptions]) -> bytes:
        options = endpoints.download_credit_report_request(report_id, pdf=False)
        return self._client.request(options, FILE_CONTENT, **per_call)


class Credit(SyncAPIResource):
    """Loans: my financial profile, applications, offers and loans; products and anyone's profile for admins."""

    profiles: CreditProfiles
    products: CreditProducts
    applications: CreditApplications
    offers: CreditOffers
    loans: Loans
    audit: CreditAudit

    def __init__(self, client: SyncAPIClient) -> None:
        super().__init__(client)
        self.profiles = CreditProfiles(client)
        self.products = CreditProducts(client)
        self.applications = CreditApplications(client)
        self.offers = CreditOffers(client)
        self.loans = Loans(client)
        self.audit = CreditAudit(client)

    def profile(self, **per_call: Unpack[CallOptions]) -> CreditProfile:
        """My financial profile (NotFoundError `profile_not_found` until I set one)."""
        return self._client.request(endpoints.get_my_credit_profile_request(), CreditProfile.from_dict, **per_call)

    def set_profile(
        self,
        *,
        annual_income: int,
        monthly_debt: int,
        currency: Currency,
        employment_status: Employment,
        birth_date: date | str,
        **per_call: Unpack[MutationOptions],
    ) -> CreditProfile:
        """Sets my income (a year), debt payments (a month), employment and birth date, which assessments weigh."""
        options = endpoints.put_my_credit_profile_request(
            annual_income=annual_income,
            monthly_debt=monthly_debt,
            currency=currency,
            employment_status=employment_status,
            birth_date=birth_date,
        )
        return self._client.request(options, CreditProfile.from_dict, **per_call)


class AsyncCreditProfiles(AsyncAPIResource):
    """Anyone's financial profile (admins only)."""

    async def get(self, user_id: Id, **per_call: Unpack[CallOptions]) -> CreditProfile:
        return await self._client.request(
            endpoints.get_credit_profile_request(user_id), CreditProfile.from_dict, **per_call
        )

    async def set(
        self,
        user_id: Id,
        *,
        annual_income: int,
        monthly_debt: int,
        currency: Currency,
        employment_status: Employment,
        birth_date: date | str,
        **per_call: Unpack[MutationOptions],
    ) -> CreditProfile:
        options = endpoints.put_credit_profile_request(
            user_id,
            annual_income=annual_income,
            monthly_debt=monthly_debt,
            currency=currency,
            employment_status=employment_status,
            birth_date=birth_date,
        )
        return await self._client.request(options, CreditProfile.from_dict, **per_call)


class AsyncCreditProducts(AsyncAPIResource):
    """The credit products on offer; admins create, change and delete them."""

    async def list(self, *, include_inactive: bool | None = None, **per_call: Unpack[CallOptions]) -> CreditProductList:
        options = endpoints.list_credit_products_request(include_inactive=include_inactive)
        return await self._client.request(options, CreditProductList.from_dict, **per_call)

    async def get(self, product_id: Id, **per_call: Unpack[CallOptions]) -> CreditProduct:
        return await self._client.request(
            endpoints.get_credit_product_request(product_id), CreditProduct.from_dict, **per_call
        )

    async def create(
        self,
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
        **per_call: Unpack[MutationOptions],
    ) -> CreditProduct:
        """A new product; rates are nominal annual percentages as decimal strings ("11.5")."""
        body = endpoints.credit_product_body(
            code=code,
            purpose=purpose,
            currency=currency,
            min_amount=min_amount,
            max_amount=max_amount,
            min_term_months=min_term_months,
            max_term_months=max_term_months,
            rate_min=rate_min,
            rate_max=rate_max,
            version=version,
            active=active,
        )
        return await self._client.request(
            endpoints.create_credit_product_request(body), CreditProduct.from_dict, **per_call
        )

    async def update(
        self,
        product_id: Id,
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
        **per_call: Unpack[MutationOptions],
    ) -> CreditProduct:
        """Replaces the product's terms; offers made already keep theirs."""
        body = endpoints.credit_product_body(
            code=code,
            purpose=purpose,
            currency=currency,
            min_amount=min_amount,
            max_amount=max_amount,
            min_term_months=min_term_months,
            max_term_months=max_term_months,
            rate_min=rate_min,
            rate_max=rate_max,
            version=version,
            active=active,
        )
        options = endpoints.update_credit_product_request(product_id, body)
        return await self._client.request(options, CreditProduct.from_dict, **per_call)

    async def delete(self, product_id: Id, **per_call: Unpack[MutationOptions]) -> None:
        await self._client.request(endpoints.delete_credit_product_request(product_id), None, **per_call)


class AsyncCreditApplications(AsyncAPIResource):
    """My applications: assessed asynchronously by scoring, then offered, rejected, revised or withdrawn."""

    async def create(
        self,
        *,
        amount: int,
        currency: Currency,
        term_months: int,
        purpose: Purpose,
        **per_call: Unpack[MutationOptions],
    ) -> CreditApplication:
        """A new application, REVIEWING until its assessment arrives (NotFoundError `profile_not_found` without a
        profile, `no_suitable_product` when no product takes it)."""
        options = endpoints.create_credit_application_request(
            amount=amount, currency=currency, term_months=term_months, purpose=purpose
        )
        return await self._client.request(options, CreditApplication.from_dict, **per_call)

    async def list(
        self, *, cursor: str | None = None, limit: int | None = None, **per_call: Unpack[CallOptions]
    ) -> CreditApplicationPage:
        options = endpoints.list_credit_applications_request(cursor=cursor, limit=limit)
        return await self._client.request(options, CreditApplicationPage.from_dict, **per_call)

    def iter(
        self, *, page_size: int | None = None, **per_call: Unpack[CallOptions]
    ) -> AsyncIterator[CreditApplication]:
        """All my applications, newest first, fetching pages as the iteration needs them."""
        return aiterate_pages(lambda cursor: self.list(cursor=cursor, limit=page_size, **per_call))

    async def get(self, application_id: Id, **per_call: Unpack[CallOptions]) -> CreditApplication:
        options = endpoints.get_credit_application_request(application_id)
        return await self._client.request(options, CreditApplication.from_dict, **per_call)

    async def update(
        self,
        application_id: Id,
        *,
        amount: int,
        currency: Currency,
        term_months: int,
        **per_call: Unpack[MutationOptions],
    ) -> CreditApplication:
        """A new amount and term: assessed again, its proposed offers expire (ConflictError once decided)."""
        options = endpoints.update_credit_application_request(
            application_id, amount=amount, currency=currency, term_months=term_months
        )
        return await self._client.request(options, CreditApplication.from_dict, **per_call)

    async def withdraw(self, application_id: Id, **per_call: Unpack[MutationOptions]) -> None:
        """Cancels its offers and makes it inactive (ConflictError once approved)."""
        await self._client.request(endpoints.delete_credit_application_request(application_id), None, **per_call)

    async def offers(self, application_id: Id, **per_call: Unpack[CallOptions]) -> CreditOfferList:
        """The offers made for it, newest first."""
        options = endpoints.list_credit_offers_request(application_id)
        return await self._client.request(options, CreditOfferList.from_dict, **per_call)


class AsyncCreditOffers(AsyncAPIResource):
    async def decide(
        self, offer_id: Id, decision: Decision, **per_call: Unpack[MutationOptions]
    ) -> CreditOfferDecision:
        """ACCEPTED or REJECTED, for a live proposed offer; accepting makes the loan (ConflictError
        `offer_expired` or `offer_not_proposed` otherwise)."""
        options = endpoints.decide_credit_offer_request(offer_id, decision)
        return await self._client.request(options, CreditOfferDecision.from_dict, **per_call)

    async def accept(self, offer_id: Id, **per_call: Unpack[MutationOptions]) -> CreditOfferDecision:
        return await self.decide(offer_id, "ACCEPTED", **per_call)

    async def reject(self, offer_id: Id, **per_call: Unpack[MutationOptions]) -> CreditOfferDecision:
        return await self.decide(offer_id, "REJECTED", **per_call)


class AsyncLoans(AsyncAPIResource):
    async def list(self, **per_call: Unpack[CallOptions]) -> LoanList:
        """My loans, newest first, without their schedules."""
        return await self._client.request(endpoints.list_loans_request(), LoanList.from_dict, **per_call)

    async def get(self, loan_id: Id, **per_call: Unpack[CallOptions]) -> Loan:
        """One loan with its schedule and each payment's status."""
        return await self._client.request(endpoints.get_loan_request(loan_id), Loan.from_dict, **per_call)

    async def repay(self, loan_id: Id, **per_call: Unpack[MutationOptions]) -> Loan:
        """Repays the principal still owed now, without further interest: collected from my wallet at once; the rest
        of the schedule is cancelled once it is paid (ConflictError `repayment_in_progress` while a payment is
        being collected)."""
        return await self._client.request(endpoints.repay_loan_request(loan_id), Loan.from_dict, **per_call)


class AsyncCreditAudit(AsyncAPIResource):
    """The audit's statistics and reports (admins only)."""

    async def statistics(
        self, *, from_day: date | str, to_day: date | str, currency: Currency, **per_call: Unpack[CallOptions]
    ) -> CreditStatistics:
        """Requests, results, offers and conversion over the days from `from_day` to `to_day`, both included."""
        options = endpoints.get_credit_statistics_request(from_day=from_day, to_day=to_day, currency=currency)
        return await self._client.request(options, CreditStatistics.from_dict, **per_call)

    async def create_report(
        self, *, from_day: date | str, to_day: date | str, currency: Currency, **per_call: Unpack[MutationOptions]
    ) -> CreditReport:
        """A report of the range, rendered now as PDF and CSV and kept."""
        options = endpoints.create_credit_report_request(from_day=from_day, to_day=to_day, currency=currency)
        return await self._client.request(options, CreditReport.from_dict, **per_call)

    async def reports(self, **per_call: Unpack[CallOptions]) -> CreditReportList:
        """Every report kept, newest first (one a day, and those asked for)."""
        return await self._client.request(
            endpoints.list_credit_reports_request(), CreditReportList.from_dict, **per_call
        )

    async def report_pdf(self, report_id: Id, **per_call: Unpack[CallOptions]) -> bytes:
        options = endpoints.download_credit_report_request(report_id, pdf=True)
        return await self._client.request(options, FILE_CONTENT, **per_call)

    async def report_csv(self, report_id: Id, **per_call: Unpack[CallOptions]) -> bytes:
        options = endpoints.download_credit_report_request(report_id, pdf=False)
        return await self._client.request(options, FILE_CONTENT, **per_call)


class AsyncCredit(AsyncAPIResource):
    """Loans: my financial profile, applications, offers and loans; products and anyone's profile for admins."""

    profiles: AsyncCreditProfiles
    products: AsyncCreditProducts
    applications: AsyncCreditApplications
    offers: AsyncCreditOffers
    loans: AsyncLoans
    audit: AsyncCreditAudit

    def __init__(self, client: AsyncAPIClient) -> None:
        super().__init__(client)
        self.profiles = AsyncCreditProfiles(client)
        self.products = AsyncCreditProducts(client)
        self.applications = AsyncCreditApplications(client)
        self.offers = AsyncCreditOffers(client)
        self.loans = AsyncLoans(client)
        self.audit = AsyncCreditAudit(client)

    async def profile(self, **per_call: Unpack[CallOptions]) -> CreditProfile:
        """My financial profile (NotFoundError `profile_not_found` until I set one)."""
        return await self._client.request(
            endpoints.get_my_credit_profile_request(), CreditProfile.from_dict, **per_call
        )

    async def set_profile(
        self,
        *,
        annual_income: int,
        monthly_debt: int,
        currency: Currency,
        employment_status: Employment,
        birth_date: date | str,
        **per_call: Unpack[MutationOptions],
    ) -> CreditProfile:
        """Sets my income (a year), debt payments (a month), employment and birth date, which assessments weigh."""
        options = endpoints.put_my_credit_profile_request(
            annual_income=annual_income,
            monthly_debt=monthly_debt,
            currency=currency,
            employment_status=employment_status,
            birth_date=birth_date,
        )
        return await self._client.request(options, CreditProfile.from_dict, **per_call)
