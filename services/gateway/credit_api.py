"""agora.v1's credit: profiles, products, applications, offers and loans, served by calling credit over gRPC."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Literal

from agora.common.v1.money_pb2 import Money as MoneyMessage
from agora.credit.v1 import credit_pb2 as pb
from agora.rest.agora_v1 import models
from agora.rest.agora_v1.server import CreditApi
from agora.scoring.v1 import scoring_pb2 as scoring_pb
from services.gateway.connections import Connections
from services.platform.context import Principal
from services.platform.grpc_client import Caller
from services.platform.proto_enums import member_name
from services.platform.rest import Download

EMPLOYMENT = {
    status: scoring_pb.EmploymentStatus.Value(f"EMPLOYMENT_STATUS_{status.value}") for status in models.EmploymentStatus
}
EMPLOYMENT_MODELS = {value: status for status, value in EMPLOYMENT.items()}
PURPOSES = {purpose: scoring_pb.LoanPurpose.Value(f"LOAN_PURPOSE_{purpose.value}") for purpose in models.LoanPurpose}
PURPOSE_MODELS = {value: purpose for purpose, value in PURPOSES.items()}


def enum_model(enum_type: Any, proto_enum: Any, prefix: str, value: int) -> Any:
    """The contract's enum member a protobuf value names (`prefix` + member name)."""
    return enum_type(member_name(proto_enum, value, prefix))


def money_message(amount: models.Amount) -> MoneyMessage:
    return MoneyMessage(amount=amount.amount, currency=amount.currency.value)


def minor_units(amount: int, currency: models.WalletCurrency) -> MoneyMessage:
    return MoneyMessage(amount=amount, currency=currency.value)


def money_model(money: MoneyMessage) -> models.Money:
    return models.Money(amount=money.amount, currency=models.WalletCurrency(money.currency))


def rate_model(hundredths: int) -> str:
    return f"{Decimal(hundredths) / 100:.2f}"


def rate_hundredths(rate: str) -> int:
    return int(Decimal(rate) * 100)


def at(message: Any, field: str) -> datetime | None:
    return getattr(message, field).ToDatetime(tzinfo=UTC) if message.HasField(field) else None


def profile_model(profile: pb.Profile) -> models.CreditProfile:
    return models.CreditProfile(
        user_id=uuid.UUID(profile.user_id),
        annual_income=money_model(profile.annual_income),
        monthly_debt=money_model(profile.monthly_debt),
        employment_status=EMPLOYMENT_MODELS[profile.employment_status],
        birth_date=date.fromisoformat(profile.birth_date),
        updated_at=profile.updated_at.ToDatetime(tzinfo=UTC),
    )


def profile_request(body: models.CreditProfileRequest, user_id: uuid.UUID | None) -> pb.PutProfileRequest:
    return pb.PutProfileRequest(
        user_id=str(user_id) if user_id else "",
        annual_income=minor_units(body.annual_income, body.currency),
        monthly_debt=minor_units(body.monthly_debt, body.currency),
        employment_status=EMPLOYMENT[body.employment_status],
        birth_date=body.birth_date.isoformat(),
    )


def product_model(product: scoring_pb.CreditProduct) -> models.CreditProduct:
    return models.CreditProduct(
        id=uuid.UUID(product.id),
        code=product.code,
        version=product.version,
        purpose=PURPOSE_MODELS[product.purpose],
        min_amount=money_model(product.min_amount),
        max_amount=money_model(product.max_amount),
        min_term_months=product.min_term_months,
        max_term_months=product.max_term_months,
        rate_min=rate_model(product.rate_min_hundredths),
        rate_max=rate_model(product.rate_max_hundredths),
        active=product.active,
    )


def product_message(body: models.CreditProductRequest, product_id: uuid.UUID | None = None) -> scoring_pb.CreditProduct:
    return scoring_pb.CreditProduct(
        id=str(product_id) if product_id else "",
        code=body.code,
        version=body.version or 1,
        purpose=PURPOSES[body.purpose],
        min_amount=minor_units(body.min_amount, body.currency),
        max_amount=minor_units(body.max_amount, body.currency),
        min_term_months=body.min_term_months,
        max_term_months=body.max_term_months,
        rate_min_hundredths=rate_hundredths(body.rate_min),
        rate_max_hundredths=rate_hundredths(body.rate_max),
        active=True if body.active is None else body.active,
    )


def assessment_model(assessment: pb.Assessment) -> models.Assessment:
    result = assessment.result
    return models.Assessment(
        revision=assessment.revision,
        score=result.score_tenths / 10,
        risk=enum_model(models.RiskBand, scoring_pb.RiskBand, "RISK_BAND_", result.risk),
        approved=result.approved,
        reasons=list(result.reasons),
        factors=[
            models.ScoreFactor(
                name=f.name, points=f.points, weight=f.weight_tenths / 10, contribution=f.contribution_tenths / 10
            )
            for f in result.factors
        ],
        hard_stop=result.hard_stop or None,
        dsr=result.dsr_hundredths / 100,
        lti=result.lti_thousandths / 1000,
        rules_version=result.rules_version,
        assessed_at=assessment.assessed_at.ToDatetime(tzinfo=UTC),
    )


def application_model(application: pb.Application) -> models.CreditApplication:
    return models.CreditApplication(
        id=uuid.UUID(application.id),
        user_id=uuid.UUID(application.user_id),
        amount=money_model(application.amount),
        term_months=application.term_months,
        purpose=PURPOSE_MODELS[application.purpose],
        status=enum_model(models.ApplicationStatus, pb.ApplicationStatus, "APPLICATION_STATUS_", application.status),
        active=application.active,
        revision=application.revision,
        assessment=assessment_model(application.assessment) if application.HasField("assessment") else None,
        current_offer_id=uuid.UUID(application.current_offer_id) if application.current_offer_id else None,
        created_at=application.created_at.ToDatetime(tzinfo=UTC),
        updated_at=application.updated_at.ToDatetime(tzinfo=UTC),
    )


def offer_model(offer: pb.Offer) -> models.CreditOffer:
    return models.CreditOffer(
        id=uuid.UUID(offer.id),
        application_id=uuid.UUID(offer.application_id),
        product_id=uuid.UUID(offer.product_id),
        amount=money_model(offer.amount),
        term_months=offer.term_months,
        rate=rate_model(offer.rate_hundredths),
        effective_rate=rate_model(offer.effective_rate_hundredths),
        monthly_payment=money_model(offer.monthly_payment),
        status=enum_model(models.OfferStatus, pb.OfferStatus, "OFFER_STATUS_", offer.status),
        expires_at=offer.expires_at.ToDatetime(tzinfo=UTC),
        created_at=offer.created_at.ToDatetime(tzinfo=UTC),
        decided_at=at(offer, "decided_at"),
        rules_version=offer.rules_version,
    )


def payment_model(payment: pb.Payment) -> models.LoanPayment:
    return models.LoanPayment(
        id=uuid.UUID(payment.id),
        number=payment.number,
        due_on=date.fromisoformat(payment.due_on),
        principal=money_model(payment.principal),
        interest=money_model(payment.interest),
        amount=money_model(payment.amount),
        status=enum_model(models.PaymentStatus, pb.PaymentStatus, "PAYMENT_STATUS_", payment.status),
        external_reference=payment.external_reference or None,
        attempts=payment.attempts,
        processed_at=at(payment, "processed_at"),
        early=payment.early,
    )


def loan_model(loan: pb.Loan, *, with_payments: bool = True) -> models.Loan:
    return models.Loan(
        id=uuid.UUID(loan.id),
        offer_id=uuid.UUID(loan.offer_id),
        application_id=uuid.UUID(loan.application_id),
        principal=money_model(loan.principal),
        rate=rate_model(loan.rate_hundredths),
        term_months=loan.term_months,
        monthly_payment=money_model(loan.monthly_payment),
        status=enum_model(models.LoanStatus, pb.LoanStatus, "LOAN_STATUS_", loan.status),
        outstanding=money_model(loan.outstanding),
        created_at=loan.created_at.ToDatetime(tzinfo=UTC),
        disbursed_at=at(loan, "disbursed_at"),
        payments=[payment_model(p) for p in loan.payments] if with_payments else None,
    )


def summary_model(summary: pb.Summary) -> models.Summary:
    return models.Summary(
        count=summary.count, average=summary.average, minimum=summary.minimum, maximum=summary.maximum
    )


def tally_models(tallies: Any) -> list[models.Tally]:
    return [models.Tally(key=t.key, count=t.count) for t in tallies]


def statistics_model(statistics: pb.Statistics) -> models.CreditStatistics:
    requests, results, offers, conversion = (
        statistics.requests,
        statistics.results,
        statistics.offers,
        statistics.conversion,
    )
    return models.CreditStatistics.model_validate(
        {
            "from": statistics.from_day,
            "to": statistics.to_day,
            "currency": statistics.currency,
            "requests": {
                "count": requests.count,
                "amount": summary_model(requests.amount),
                "average_term_months": requests.average_term_months,
                "average_age": requests.average_age,
                "average_annual_income": requests.average_annual_income,
                "by_purpose": tally_models(requests.by_purpose),
                "by_employment": tally_models(requests.by_employment),
            },
            "results": {
                "count": results.count,
                "approved": results.approved,
                "approval_rate": results.approval_rate,
                "score": summary_model(results.score_tenths),
                "by_risk": tally_models(results.by_risk),
                "by_rejection_reason": tally_models(results.by_rejection_reason),
            },
            "offers": {
                "count": offers.count,
                "amount": summary_model(offers.amount),
                "rate": summary_model(offers.rate_hundredths),
                "monthly_payment": summary_model(offers.monthly_payment),
                "by_product": tally_models(offers.by_product),
            },
            "conversion": {
                "request_to_approval": conversion.request_to_approval,
                "approval_to_offer": conversion.approval_to_offer,
                "request_to_offer": conversion.request_to_offer,
            },
        }
    )


def report_model(report: pb.Report) -> models.CreditReport:
    return models.CreditReport.model_validate(
        {
            "id": report.id,
            "from": report.from_day,
            "to": report.to_day,
            "currency": report.currency,
            "daily": report.daily,
            "created_at": report.created_at.ToDatetime(tzinfo=UTC),
        }
    )


DECISIONS = {models.Decision.ACCEPTED: pb.DECISION_ACCEPTED, models.Decision.REJECTED: pb.DECISION_REJECTED}


class CreditApiOverGrpc(CreditApi):
    def __init__(self, connections: Connections, call: Caller) -> None:
        self.connections = connections
        self.call = call

    async def get_my_credit_profile(self, *, principal: Principal) -> models.CreditProfile:
        reply = await self.call(self.connections.credit.GetProfile, pb.GetProfileRequest(), principal=principal)
        return profile_model(reply.profile)

    async def put_my_credit_profile(
        self, *, body: models.CreditProfileRequest, principal: Principal
    ) -> models.CreditProfile:
        reply = await self.call(self.connections.credit.PutProfile, profile_request(body, None), principal=principal)
        return profile_model(reply.profile)

    async def get_credit_profile(self, *, user_id: uuid.UUID, principal: Principal) -> models.CreditProfile:
        request = pb.GetProfileRequest(user_id=str(user_id))
        reply = await self.call(self.connections.credit.GetProfile, request, principal=principal)
        return profile_model(reply.profile)

    async def put_credit_profile(
        self, *, body: models.CreditProfileRequest, user_id: uuid.UUID, principal: Principal
    ) -> models.CreditProfile:
        request = profile_request(body, user_id)
        reply = await self.call(self.connections.credit.PutProfile, request, principal=principal)
        return profile_model(reply.profile)

    async def list_credit_products(self, *, include_inactive: bool, principal: Principal) -> models.CreditProductList:
        request = pb.ListProductsRequest(include_inactive=include_inactive)
        reply = await self.call(self.connections.credit.ListProducts, request, principal=principal)
        return models.CreditProductList(items=[product_model(p) for p in reply.products])

    async def create_credit_product(
        self, *, body: models.CreditProductRequest, principal: Principal
    ) -> models.CreditProduct:
        request = pb.CreateProductRequest(product=product_message(body))
        reply = await self.call(self.connections.credit.CreateProduct, request, principal=principal)
        return product_model(reply.product)

    async def get_credit_product(self, *, credit_product_id: uuid.UUID, principal: Principal) -> models.CreditProduct:
        request = pb.GetProductRequest(product_id=str(credit_product_id))
        reply = await self.call(self.connections.credit.GetProduct, request, principal=principal)
        return product_model(reply.product)

    async def update_credit_product(
        self, *, body: models.CreditProductRequest, credit_product_id: uuid.UUID, principal: Principal
    ) -> models.CreditProduct:
        request = pb.UpdateProductRequest(product=product_message(body, credit_product_id))
        reply = await self.call(self.connections.credit.UpdateProduct, request, principal=principal)
        return product_model(reply.product)

    async def delete_credit_product(self, *, credit_product_id: uuid.UUID, principal: Principal) -> None:
        request = pb.DeleteProductRequest(product_id=str(credit_product_id))
        await self.call(self.connections.credit.DeleteProduct, request, principal=principal)

    async def list_credit_applications(
        self, *, cursor: str | None, limit: int, principal: Principal
    ) -> models.CreditApplicationPage:
        request = pb.ListApplicationsRequest(cursor=cursor or "", limit=limit)
        reply = await self.call(self.connections.credit.ListApplications, request, principal=principal)
        return models.CreditApplicationPage(
            items=[application_model(a) for a in reply.applications], next_cursor=reply.next_cursor or None
        )

    async def create_credit_application(
        self, *, body: models.CreditApplicationRequest, principal: Principal
    ) -> models.CreditApplication:
        request = pb.CreateApplicationRequest(
            amount=money_message(body.amount), term_months=body.term_months, purpose=PURPOSES[body.purpose]
        )
        reply = await self.call(self.connections.credit.CreateApplication, request, principal=principal)
        return application_model(reply.application)

    async def get_credit_application(
        self, *, application_id: uuid.UUID, principal: Principal
    ) -> models.CreditApplication:
        request = pb.GetApplicationRequest(application_id=str(application_id))
        reply = await self.call(self.connections.credit.GetApplication, request, principal=principal)
        return application_model(reply.application)

    async def update_credit_application(
        self, *, body: models.CreditApplicationUpdate, application_id: uuid.UUID, principal: Principal
    ) -> models.CreditApplication:
        request = pb.UpdateApplicationRequest(
            application_id=str(application_id), amount=money_message(body.amount), term_months=body.term_months
        )
        reply = await self.call(self.connections.credit.UpdateApplication, request, principal=principal)
        return application_model(reply.application)

    async def delete_credit_application(self, *, application_id: uuid.UUID, principal: Principal) -> None:
        request = pb.DeleteApplicationRequest(application_id=str(application_id))
        await self.call(self.connections.credit.DeleteApplication, request, principal=principal)

    async def list_credit_offers(self, *, application_id: uuid.UUID, principal: Principal) -> models.CreditOfferList:
        request = pb.ListOffersRequest(application_id=str(application_id))
        reply = await self.call(self.connections.credit.ListOffers, request, principal=principal)
        return models.CreditOfferList(items=[offer_model(o) for o in reply.offers])

    async def offers_of_applications(
        self, application_ids: Sequence[uuid.UUID], principal: Principal
    ) -> dict[uuid.UUID, list[models.CreditOffer]]:
        """Each application's offers, newest first, in one call; applications the caller may not see get none."""
        request = pb.BatchListOffersRequest(application_ids=[str(i) for i in application_ids])
        reply = await self.call(self.connections.credit.BatchListOffers, request, principal=principal)
        found: dict[uuid.UUID, list[models.CreditOffer]] = {i: [] for i in application_ids}
        for offer in map(offer_model, reply.offers):
            found.setdefault(offer.application_id, []).append(offer)
        return found

    async def decide_credit_offer(
        self, *, body: models.CreditOfferDecisionRequest, offer_id: uuid.UUID, principal: Principal
    ) -> models.CreditOfferDecision:
        request = pb.DecideOfferRequest(offer_id=str(offer_id), decision=DECISIONS[body.decision])
        reply = await self.call(self.connections.credit.DecideOffer, request, principal=principal)
        return models.CreditOfferDecision(
            offer=offer_model(reply.offer), loan=loan_model(reply.loan) if reply.HasField("loan") else None
        )

    async def list_loans(self, *, principal: Principal) -> models.LoanList:
        reply = await self.call(self.connections.credit.ListLoans, pb.ListLoansRequest(), principal=principal)
        return models.LoanList(items=[loan_model(loan, with_payments=False) for loan in reply.loans])

    async def get_loan(self, *, loan_id: uuid.UUID, principal: Principal) -> models.Loan:
        request = pb.GetLoanRequest(loan_id=str(loan_id))
        reply = await self.call(self.connections.credit.GetLoan, request, principal=principal)
        return loan_model(reply.loan)

    async def repay_loan(self, *, loan_id: uuid.UUID, principal: Principal) -> models.Loan:
        request = pb.RepayLoanRequest(loan_id=str(loan_id))
        reply = await self.call(self.connections.credit.RepayLoan, request, principal=principal)
        return loan_model(reply.loan)

    async def get_credit_statistics(
        self,
        *,
        from_: str,
        to: str,
        currency: Literal["COIN", "USD", "EUR", "GBP", "CHF", "RUB", "JPY"],
        principal: Principal,
    ) -> models.CreditStatistics:
        request = pb.GetStatisticsRequest(from_day=from_, to_day=to, currency=currency)
        reply = await self.call(self.connections.credit.GetStatistics, request, principal=principal)
        return statistics_model(reply.statistics)

    async def create_credit_report(
        self, *, body: models.CreditReportRequest, principal: Principal
    ) -> models.CreditReport:
        request = pb.CreateReportRequest(
            from_day=body.from_.isoformat(), to_day=body.to.isoformat(), currency=body.currency.value
        )
        reply = await self.call(self.connections.credit.CreateReport, request, principal=principal)
        return report_model(reply.report)

    async def list_credit_reports(self, *, principal: Principal) -> models.CreditReportList:
        reply = await self.call(self.connections.credit.ListReports, pb.ListReportsRequest(), principal=principal)
        return models.CreditReportList(items=[report_model(r) for r in reply.reports])

    async def download_credit_report_pdf(self, *, report_id: uuid.UUID, principal: Principal) -> Download:
        return await self._download(report_id, pb.REPORT_FORMAT_PDF, principal)

    async def download_credit_report_csv(self, *, report_id: uuid.UUID, principal: Principal) -> Download:
        return await self._download(report_id, pb.REPORT_FORMAT_CSV, principal)

    async def _download(self, report_id: uuid.UUID, file_format: int, principal: Principal) -> Download:
        request = pb.GetReportFileRequest(report_id=str(report_id), format=file_format)  # type: ignore[arg-type]
        reply = await self.call(self.connections.credit.GetReportFile, request, principal=principal)
        return Download(reply.content, reply.media_type, reply.filename)
