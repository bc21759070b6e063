"""The entry points (Query, Mutation) and Node, over the domain modules; `bindables` hands every resolver of the
contract to ariadne, so a field without one stops the gateway from starting."""

from __future__ import annotations

from typing import Any

from ariadne.types import SchemaBindable

from agora.graphql.agora import server as contract
from agora.rest.agora_v1 import models
from services.gateway.graphql import scalars
from services.gateway.graphql.account import (
    AccountMutations,
    CartLineResolvers,
    CartResolvers,
    FavouriteResolvers,
    UserResolvers,
    ViewerResolvers,
)
from services.gateway.graphql.catalog import (
    CatalogMutations,
    CatalogQueries,
    ProductDeletionResolvers,
    ProductResolvers,
    ReviewResolvers,
    product_by_id,
    user_by_id,
)
from services.gateway.graphql.context import Context, Info, context_of
from services.gateway.graphql.credit import (
    AssessmentResolvers,
    CreditApplicationResolvers,
    CreditMutations,
    CreditOfferResolvers,
    CreditProductResolvers,
    CreditProfileResolvers,
    CreditQueries,
    LoanPaymentResolvers,
    LoanResolvers,
    application_by_id,
)
from services.gateway.graphql.errors import queried
from services.gateway.graphql.ids import InvalidId, parse_global_id
from services.gateway.graphql.live import Live, SubscriptionResolvers
from services.gateway.graphql.notifications import NotificationMutations, NotificationResolvers
from services.gateway.graphql.orders import OrderLineResolvers, OrderMutations, OrderResolvers
from services.gateway.graphql.wallet import CounterpartyResolvers, WalletMutations, WalletTransactionResolvers
from services.platform.context import Principal

NODE_TYPES = {
    model: model.__name__
    for model in (models.User, models.Product, models.Review, models.ProductDeletion, models.Order,
                  models.WalletTransaction, models.Notification, models.CreditProduct, models.CreditApplication,
                  models.CreditOffer, models.Loan)
}  # fmt: skip
"""The REST model each Node type's resolvers receive, by the GraphQL type it is (their names are the same)."""


async def fetch_node(context: Context, value: str) -> Any:
    """The object a global id names, if the caller may see it. Reviews, transactions, notifications and credit
    offers are not fetched by id (no service reads one alone yet): they are null here, and reached through their
    lists."""
    try:
        type_name, object_id = parse_global_id(value)
    except InvalidId:
        return None
    if type_name == "Product":
        return await product_by_id(context, object_id)
    if type_name == "User":
        return await user_by_id(context, object_id)
    if type_name == "Order" and context.principal is not None:
        return await queried(context.apis.orders.get_order(order_id=object_id, principal=context.principal))
    if type_name == "CreditApplication" and context.principal is not None:
        return await application_by_id(context, object_id)
    if type_name == "Loan" and context.principal is not None:
        return await queried(context.apis.credit.get_loan(loan_id=object_id, principal=context.principal))
    if type_name == "CreditProduct" and context.principal is not None:
        credit = context.apis.credit
        return await queried(credit.get_credit_product(credit_product_id=object_id, principal=context.principal))
    if type_name == "ProductDeletion" and context.principal is not None and context.principal.is_admin:
        return await queried(
            context.apis.catalog.get_product_deletion(deletion_id=object_id, principal=context.principal)
        )
    return None


class QueryResolvers(CatalogQueries, CreditQueries, contract.QueryResolvers):
    async def viewer(self, parent: Any, info: Info) -> Principal | None:
        return context_of(info).principal

    async def node(self, parent: Any, info: Info, *, id: str) -> Any:
        return await fetch_node(context_of(info), id)

    async def nodes(self, parent: Any, info: Info, *, ids: list[str]) -> list[Any]:
        context = context_of(info)
        return [await fetch_node(context, value) for value in ids]


class MutationResolvers(
    AccountMutations,
    CatalogMutations,
    OrderMutations,
    WalletMutations,
    NotificationMutations,
    CreditMutations,
    contract.MutationResolvers,
):
    """Every mutation, each from its domain's module."""


def node_type(value: Any, info: Info, graphql_type: Any) -> str | None:
    return NODE_TYPES.get(type(value))


def bindables(live: Live) -> list[SchemaBindable]:
    return contract.bind(
        query=QueryResolvers(),
        viewer=ViewerResolvers(),
        user=UserResolvers(),
        product=ProductResolvers(),
        review=ReviewResolvers(),
        product_deletion=ProductDeletionResolvers(),
        cart=CartResolvers(),
        cart_line=CartLineResolvers(),
        favourite=FavouriteResolvers(),
        order=OrderResolvers(),
        order_line=OrderLineResolvers(),
        counterparty=CounterpartyResolvers(),
        wallet_transaction=WalletTransactionResolvers(),
        notification=NotificationResolvers(),
        credit_profile=CreditProfileResolvers(),
        credit_product=CreditProductResolvers(),
        assessment=AssessmentResolvers(),
        credit_application=CreditApplicationResolvers(),
        credit_offer=CreditOfferResolvers(),
        loan=LoanResolvers(),
        loan_payment=LoanPaymentResolvers(),
        mutation=MutationResolvers(),
        subscription=SubscriptionResolvers(live),
        node_type=node_type,
        minor_units_scalar=scalars.minor_units,
        date_time_scalar=scalars.date_time,
        decimal_scalar=scalars.decimal,
        date_scalar=scalars.calendar_date,
    )
