"""credit's gRPC servicer: translates protobuf to use-case calls and back, nothing more."""

from __future__ import annotations

import uuid
from typing import Any

from agora.credit.v1 import credit_pb2 as pb
from agora.credit.v1 import credit_pb2_grpc as pb_grpc
from services.credit.audit import Audit, ReportNotFound
from services.credit.domain import CreditProductNotFound, Profile
from services.credit.messages import (
    application_id_of,
    application_message,
    date_of,
    employment_of,
    loan_id_of,
    loan_message,
    offer_id_of,
    offer_message,
    product_message,
    profile_message,
    purpose_of,
)
from services.credit.service_layer import ApplicationView, CreditService, admin_of
from services.platform.errors import InvalidArgument
from services.platform.grpc_server import Servicer, principal_of_call
from services.platform.ids import id_named
from services.scoring.entrypoints.messages import money_of, product_of
from services.scoring.rules import LoanRequest

Context = Any


def user_id_or_caller(raw: str) -> uuid.UUID | None:
    return id_named(raw, "user", InvalidArgument) if raw else None


def product_id_of(raw: str) -> uuid.UUID:
    return id_named(raw, "credit product", CreditProductNotFound)


class CreditServicer(pb_grpc.CreditServiceServicer):
    def __init__(self, service: CreditService, audit: Audit) -> None:
        self.service = service
        self.audit = audit

    def _application(self, view: ApplicationView) -> pb.Application:
        return application_message(view.application, view.assessment, view.offers, self.service.clock())

    async def GetProfile(self, request: pb.GetProfileRequest, context: Context) -> pb.GetProfileResponse:
        profile = await self.service.profile(principal_of_call(), user_id_or_caller(request.user_id))
        return pb.GetProfileResponse(profile=profile_message(profile))

    async def PutProfile(self, request: pb.PutProfileRequest, context: Context) -> pb.PutProfileResponse:
        employment, birth_date = employment_of(request.employment_status), date_of(request.birth_date, "birth date")

        def draft(user_id: uuid.UUID, now: Any) -> Profile:
            return Profile(
                user_id, money_of(request.annual_income), money_of(request.monthly_debt), employment, birth_date, now
            )

        profile = await self.service.put_profile(principal_of_call(), user_id_or_caller(request.user_id), draft)
        return pb.PutProfileResponse(profile=profile_message(profile))

    async def ListProducts(self, request: pb.ListProductsRequest, context: Context) -> pb.ListProductsResponse:
        products = await self.service.products(principal_of_call(), request.include_inactive)
        return pb.ListProductsResponse(products=[product_message(product) for product in products])

    async def GetProduct(self, request: pb.GetProductRequest, context: Context) -> pb.GetProductResponse:
        product = await self.service.product(product_id_of(request.product_id))
        return pb.GetProductResponse(product=product_message(product))

    async def CreateProduct(self, request: pb.CreateProductRequest, context: Context) -> pb.CreateProductResponse:
        product = await self.service.create_product(principal_of_call(), product_of(request.product))
        return pb.CreateProductResponse(product=product_message(product))

    async def UpdateProduct(self, request: pb.UpdateProductRequest, context: Context) -> pb.UpdateProductResponse:
        product_id_of(request.product.id)
        product = await self.service.update_product(principal_of_call(), product_of(request.product))
        return pb.UpdateProductResponse(product=product_message(product))

    async def DeleteProduct(self, request: pb.DeleteProductRequest, context: Context) -> pb.DeleteProductResponse:
        await self.service.delete_product(principal_of_call(), product_id_of(request.product_id))
        return pb.DeleteProductResponse()

    async def CreateApplication(
        self, request: pb.CreateApplicationRequest, context: Context
    ) -> pb.CreateApplicationResponse:
        loan = LoanRequest(money_of(request.amount), request.term_months, purpose_of(request.purpose))
        view = await self.service.apply(principal_of_call(), loan)
        return pb.CreateApplicationResponse(application=self._application(view))

    async def GetApplication(self, request: pb.GetApplicationRequest, context: Context) -> pb.GetApplicationResponse:
        view = await self.service.application(principal_of_call(), application_id_of(request.application_id))
        return pb.GetApplicationResponse(application=self._application(view))

    async def ListApplications(
        self, request: pb.ListApplicationsRequest, context: Context
    ) -> pb.ListApplicationsResponse:
        views, next_cursor = await self.service.applications(principal_of_call(), request.cursor or None, request.limit)
        return pb.ListApplicationsResponse(
            applications=[self._application(view) for view in views], next_cursor=next_cursor or ""
        )

    async def UpdateApplication(
        self, request: pb.UpdateApplicationRequest, context: Context
    ) -> pb.UpdateApplicationResponse:
        view = await self.service.revise(
            principal_of_call(),
            application_id_of(request.application_id),
            money_of(request.amount),
            request.term_months,
        )
        return pb.UpdateApplicationResponse(application=self._application(view))

    async def DeleteApplication(
        self, request: pb.DeleteApplicationRequest, context: Context
    ) -> pb.DeleteApplicationResponse:
        await self.service.withdraw(principal_of_call(), application_id_of(request.application_id))
        return pb.DeleteApplicationResponse()

    async def ListOffers(self, request: pb.ListOffersRequest, context: Context) -> pb.ListOffersResponse:
        offers = await self.service.offers(principal_of_call(), application_id_of(request.application_id))
        now = self.service.clock()
        return pb.ListOffersResponse(offers=[offer_message(offer, now) for offer in offers])

    async def BatchListOffers(self, request: pb.BatchListOffersRequest, context: Context) -> pb.ListOffersResponse:
        ids = [application_id_of(i) for i in request.application_ids]
        offers = await self.service.offers_of_applications(principal_of_call(), ids)
        now = self.service.clock()
        return pb.ListOffersResponse(offers=[offer_message(offer, now) for offer in offers])

    async def DecideOffer(self, request: pb.DecideOfferRequest, context: Context) -> pb.DecideOfferResponse:
        if request.decision not in (pb.DECISION_ACCEPTED, pb.DECISION_REJECTED):
            raise InvalidArgument("decision must be ACCEPTED or REJECTED")
        offer, loan = await self.service.decide(
            principal_of_call(), offer_id_of(request.offer_id), request.decision == pb.DECISION_ACCEPTED
        )
        reply = pb.DecideOfferResponse(offer=offer_message(offer, self.service.clock()))
        if loan is not None:
            reply.loan.CopyFrom(loan_message(loan))
        return reply

    async def ListLoans(self, request: pb.ListLoansRequest, context: Context) -> pb.ListLoansResponse:
        loans = await self.service.loans(principal_of_call())
        return pb.ListLoansResponse(loans=[loan_message(loan, with_payments=False) for loan in loans])

    async def GetLoan(self, request: pb.GetLoanRequest, context: Context) -> pb.GetLoanResponse:
        loan = await self.service.loan(principal_of_call(), loan_id_of(request.loan_id))
        return pb.GetLoanResponse(loan=loan_message(loan))

    async def RepayLoan(self, request: pb.RepayLoanRequest, context: Context) -> pb.RepayLoanResponse:
        loan = await self.service.repay(principal_of_call(), loan_id_of(request.loan_id))
        return pb.RepayLoanResponse(loan=loan_message(loan))

    async def GetStatistics(self, request: pb.GetStatisticsRequest, context: Context) -> pb.GetStatisticsResponse:
        admin_of(principal_of_call())
        figures = await self.audit.statistics(request.from_day, request.to_day, request.currency)
        return pb.GetStatisticsResponse(statistics=figures)

    async def CreateReport(self, request: pb.CreateReportRequest, context: Context) -> pb.CreateReportResponse:
        admin_of(principal_of_call())
        report = await self.audit.create_report(request.from_day, request.to_day, request.currency)
        return pb.CreateReportResponse(report=report)

    async def ListReports(self, request: pb.ListReportsRequest, context: Context) -> pb.ListReportsResponse:
        admin_of(principal_of_call())
        return pb.ListReportsResponse(reports=await self.audit.reports())

    async def GetReportFile(self, request: pb.GetReportFileRequest, context: Context) -> pb.GetReportFileResponse:
        admin_of(principal_of_call())
        if request.format not in (pb.REPORT_FORMAT_PDF, pb.REPORT_FORMAT_CSV):
            raise InvalidArgument("format must be PDF or CSV")
        report_id = id_named(request.report_id, "report", ReportNotFound)
        content, media_type, filename = await self.audit.report_file(report_id, request.format == pb.REPORT_FORMAT_PDF)
        return pb.GetReportFileResponse(content=content, media_type=media_type, filename=filename)


def credit_servicer(service: CreditService, audit: Audit) -> Servicer:
    return Servicer(
        CreditServicer(service, audit),
        pb_grpc.add_CreditServiceServicer_to_server,
        pb.DESCRIPTOR.services_by_name["CreditService"].full_name,
    )
