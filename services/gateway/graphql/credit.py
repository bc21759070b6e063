"""Credit: the viewer's profile, applications, offers and loans; products; applying, deciding and managing."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from agora.graphql.agora import server as contract
from agora.rest.agora_v1 import models
from services.gateway.graphql.catalog import user_by_id
from services.gateway.graphql.codes import refusal
from services.gateway.graphql.context import Context, Info, context_of
from services.gateway.graphql.errors import answered, mutated, queried, rest_pages, signed_in_change
from services.gateway.graphql.ids import global_id, id_of
from services.gateway.graphql.pages import connection
from services.platform.context import Principal


async def application_by_id(context: Context, application_id: uuid.UUID) -> models.CreditApplication | None:
    credit = context.apis.credit
    return await queried(credit.get_credit_application(application_id=application_id, principal=context.signed_in()))


async def offers_of(context: Context, application_id: uuid.UUID) -> list[models.CreditOffer]:
    """An application's offers, newest first, once per request however many fields ask."""
    credit, principal = context.apis.credit, context.signed_in()

    async def fetch_many(ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[models.CreditOffer]]:
        return await answered(credit.offers_of_applications(ids, principal))

    offers: list[models.CreditOffer] = await context.loads.loader("credit-offers", fetch_many).load(application_id)
    return offers


class CreditProfileResolvers(contract.CreditProfileResolvers):
    async def user(self, parent: models.CreditProfile, info: Info) -> models.User | None:
        return await user_by_id(context_of(info), parent.user_id)

    async def annual_income(self, parent: models.CreditProfile, info: Info) -> Any:
        return parent.annual_income

    async def monthly_debt(self, parent: models.CreditProfile, info: Info) -> Any:
        return parent.monthly_debt


class CreditProductResolvers(contract.CreditProductResolvers):
    async def id(self, parent: models.CreditProduct, info: Info) -> str:
        return global_id("CreditProduct", parent.id)

    async def min_amount(self, parent: models.CreditProduct, info: Info) -> Any:
        return parent.min_amount

    async def max_amount(self, parent: models.CreditProduct, info: Info) -> Any:
        return parent.max_amount


class AssessmentResolvers(contract.AssessmentResolvers):
    async def factors(self, parent: models.Assessment, info: Info) -> Any:
        return parent.factors


class CreditApplicationResolvers(contract.CreditApplicationResolvers):
    async def id(self, parent: models.CreditApplication, info: Info) -> str:
        return global_id("CreditApplication", parent.id)

    async def user(self, parent: models.CreditApplication, info: Info) -> models.User | None:
        return await user_by_id(context_of(info), parent.user_id)

    async def amount(self, parent: models.CreditApplication, info: Info) -> Any:
        return parent.amount

    async def assessment(self, parent: models.CreditApplication, info: Info) -> Any:
        return parent.assessment

    async def offers(self, parent: models.CreditApplication, info: Info) -> list[models.CreditOffer]:
        return await offers_of(context_of(info), parent.id)

    async def current_offer(self, parent: models.CreditApplication, info: Info) -> models.CreditOffer | None:
        if parent.current_offer_id is None:
            return None
        return next((o for o in await offers_of(context_of(info), parent.id) if o.id == parent.current_offer_id), None)


class CreditOfferResolvers(contract.CreditOfferResolvers):
    async def id(self, parent: models.CreditOffer, info: Info) -> str:
        return global_id("CreditOffer", parent.id)

    async def application(self, parent: models.CreditOffer, info: Info) -> models.CreditApplication | None:
        return await application_by_id(context_of(info), parent.application_id)

    async def product(self, parent: models.CreditOffer, info: Info) -> models.CreditProduct | None:
        context = context_of(info)
        credit = context.apis.credit
        return await queried(
            credit.get_credit_product(credit_product_id=parent.product_id, principal=context.signed_in())
        )

    async def amount(self, parent: models.CreditOffer, info: Info) -> Any:
        return parent.amount

    async def monthly_payment(self, parent: models.CreditOffer, info: Info) -> Any:
        return parent.monthly_payment


class LoanResolvers(contract.LoanResolvers):
    async def id(self, parent: models.Loan, info: Info) -> str:
        return global_id("Loan", parent.id)

    async def application(self, parent: models.Loan, info: Info) -> models.CreditApplication | None:
        return await application_by_id(context_of(info), parent.application_id)

    async def principal(self, parent: models.Loan, info: Info) -> Any:
        return parent.principal

    async def monthly_payment(self, parent: models.Loan, info: Info) -> Any:
        return parent.monthly_payment

    async def outstanding(self, parent: models.Loan, info: Info) -> Any:
        return parent.outstanding

    async def payments(self, parent: models.Loan, info: Info) -> list[models.LoanPayment]:
        if parent.payments is not None:
            return parent.payments
        context = context_of(info)  # a loan of a listing comes without its schedule
        loan = await answered(context.apis.credit.get_loan(loan_id=parent.id, principal=context.signed_in()))
        return loan.payments or []


class LoanPaymentResolvers(contract.LoanPaymentResolvers):
    async def principal(self, parent: models.LoanPayment, info: Info) -> Any:
        return parent.principal

    async def interest(self, parent: models.LoanPayment, info: Info) -> Any:
        return parent.interest

    async def amount(self, parent: models.LoanPayment, info: Info) -> Any:
        return parent.amount


class CreditViewer:
    """The viewer's credit fields (mixed into ViewerResolvers)."""

    async def credit_profile(self, parent: Principal, info: Info) -> models.CreditProfile | None:
        return await queried(context_of(info).apis.credit.get_my_credit_profile(principal=parent))

    async def credit_applications(
        self, parent: Principal, info: Info, *, first: int | None = 20, after: str | None = None
    ) -> dict[str, Any]:
        credit = context_of(info).apis.credit
        listing = rest_pages(
            lambda cursor, limit: credit.list_credit_applications(cursor=cursor, limit=limit, principal=parent)
        )
        return await connection(listing, first, after)

    async def loans(self, parent: Principal, info: Info) -> list[models.Loan]:
        return (await answered(context_of(info).apis.credit.list_loans(principal=parent))).items


class CreditQueries:
    async def credit_products(
        self, parent: Any, info: Info, *, include_inactive: bool | None = False
    ) -> list[models.CreditProduct]:
        context = context_of(info)
        listing = context.apis.credit.list_credit_products(
            include_inactive=bool(include_inactive), principal=context.signed_in()
        )
        return (await answered(listing)).items

    async def credit_application(self, parent: Any, info: Info, *, id: str) -> models.CreditApplication | None:
        return await application_by_id(context_of(info), id_of("CreditApplication", id))

    async def loan(self, parent: Any, info: Info, *, id: str) -> models.Loan | None:
        context = context_of(info)
        return await queried(context.apis.credit.get_loan(loan_id=id_of("Loan", id), principal=context.signed_in()))

    async def credit_statistics(
        self, parent: Any, info: Info, *, from_day: date, to_day: date, currency: str
    ) -> models.CreditStatistics:
        if currency not in models.WalletCurrency.__members__:
            raise refusal(f"{currency!r} is not a currency the wallet keeps", "validation_failed")
        context = context_of(info)
        statistics = context.apis.credit.get_credit_statistics(
            from_=from_day.isoformat(),
            to=to_day.isoformat(),
            currency=models.WalletCurrency[currency].value,
            principal=context.signed_in(),
        )
        return await answered(statistics)


def product_request(product: contract.CreditProductInput) -> models.CreditProductRequest:
    return models.CreditProductRequest(
        code=product["code"],
        version=product.get("version") or 1,
        purpose=product["purpose"],
        currency=product["currency"],
        min_amount=product["min_amount"],
        max_amount=product["max_amount"],
        min_term_months=product["min_term_months"],
        max_term_months=product["max_term_months"],
        rate_min=product["rate_min"],
        rate_max=product["rate_max"],
        active=product.get("active", True),
    )


def amount_of(money: contract.MoneyInput) -> models.Amount:
    return models.Amount(amount=money["amount"], currency=money["currency"])


class CreditMutations:
    async def set_credit_profile(
        self, parent: Any, info: Info, *, input: contract.SetCreditProfileInput
    ) -> dict[str, Any]:
        async def set_profile(context: Context, principal: Principal) -> models.CreditProfile:
            body = models.CreditProfileRequest(
                currency=input["currency"],
                annual_income=input["annual_income"],
                monthly_debt=input["monthly_debt"],
                employment_status=input["employment_status"],
                birth_date=input["birth_date"],
            )
            credit = context.apis.credit
            if input.get("user_id"):
                user_id = id_of("User", str(input["user_id"]))
                return await credit.put_credit_profile(body=body, user_id=user_id, principal=principal)
            return await credit.put_my_credit_profile(body=body, principal=principal)

        return await signed_in_change(info, "profile", set_profile)

    async def create_credit_product(
        self, parent: Any, info: Info, *, input: contract.CreditProductInput
    ) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "product",
            lambda context, principal: context.apis.credit.create_credit_product(
                body=product_request(input), principal=principal
            ),
        )

    async def update_credit_product(
        self, parent: Any, info: Info, *, input: contract.UpdateCreditProductInput
    ) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "product",
            lambda context, principal: context.apis.credit.update_credit_product(
                body=product_request(input["product"]),
                credit_product_id=id_of("CreditProduct", input["id"]),
                principal=principal,
            ),
        )

    async def delete_credit_product(
        self, parent: Any, info: Info, *, input: contract.DeleteCreditProductInput
    ) -> dict[str, Any]:
        async def delete(context: Context, principal: Principal) -> str:
            product_id = id_of("CreditProduct", input["id"])
            await context.apis.credit.delete_credit_product(credit_product_id=product_id, principal=principal)
            return input["id"]

        return await signed_in_change(info, "deleted_id", delete)

    async def apply_for_credit(self, parent: Any, info: Info, *, input: contract.ApplyForCreditInput) -> dict[str, Any]:
        async def apply(context: Context, principal: Principal) -> models.CreditApplication:
            body = models.CreditApplicationRequest(
                amount=amount_of(input["amount"]), term_months=input["term_months"], purpose=input["purpose"]
            )
            return await context.apis.credit.create_credit_application(body=body, principal=principal)

        return await signed_in_change(info, "application", apply)

    async def update_credit_application(
        self, parent: Any, info: Info, *, input: contract.UpdateCreditApplicationInput
    ) -> dict[str, Any]:
        async def update(context: Context, principal: Principal) -> models.CreditApplication:
            body = models.CreditApplicationUpdate(amount=amount_of(input["amount"]), term_months=input["term_months"])
            application_id = id_of("CreditApplication", input["id"])
            return await context.apis.credit.update_credit_application(
                body=body, application_id=application_id, principal=principal
            )

        return await signed_in_change(info, "application", update)

    async def withdraw_credit_application(
        self, parent: Any, info: Info, *, input: contract.CreditApplicationIdInput
    ) -> dict[str, Any]:
        async def withdraw(context: Context, principal: Principal) -> models.CreditApplication:
            application_id = id_of("CreditApplication", input["id"])
            credit = context.apis.credit
            await credit.delete_credit_application(application_id=application_id, principal=principal)
            return await credit.get_credit_application(application_id=application_id, principal=principal)

        return await signed_in_change(info, "application", withdraw)

    async def decide_credit_offer(
        self, parent: Any, info: Info, *, input: contract.DecideCreditOfferInput
    ) -> dict[str, Any]:
        context = context_of(info)
        principal = context.signed_in()

        async def decide() -> models.CreditOfferDecision:
            body = models.CreditOfferDecisionRequest(decision=input["decision"])
            offer_id = id_of("CreditOffer", input["offer_id"])
            return await context.apis.credit.decide_credit_offer(body=body, offer_id=offer_id, principal=principal)

        payload = await mutated("decision", decide)
        decision: models.CreditOfferDecision | None = payload["decision"]
        return {
            "offer": decision.offer if decision else None,
            "loan": decision.loan if decision else None,
            "user_errors": payload["user_errors"],
        }
