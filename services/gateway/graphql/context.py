"""What every resolver of one GraphQL request shares: the caller, the REST implementations it calls through,
the request's Idempotency-Key and its per-request loaders."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from graphql import GraphQLError, GraphQLResolveInfo

from services.gateway.catalog_api import CatalogApiOverGrpc
from services.gateway.credit_api import CreditApiOverGrpc
from services.gateway.customers_api import CustomersApiOverGrpc
from services.gateway.graphql.codes import UNAUTHENTICATED, refusal
from services.gateway.graphql.loaders import Loads
from services.gateway.identity_api import IdentityApiOverGrpc
from services.gateway.notifications_api import NotificationsApiOverGrpc
from services.gateway.orders_api import OrdersApiOverGrpc
from services.gateway.reviews_api import ReviewsApiOverGrpc
from services.gateway.wallet_api import WalletApiOverGrpc
from services.platform.context import Principal

if TYPE_CHECKING:
    Info: TypeAlias = GraphQLResolveInfo[Any]
else:
    Info = GraphQLResolveInfo
"""What a resolver is told about the field it resolves (its context is a `Context`)."""


@dataclass(frozen=True)
class Apis:
    """The gRPC-backed implementations of agora.v1, which GraphQL's resolvers share with the REST routes."""

    identity: IdentityApiOverGrpc
    catalog: CatalogApiOverGrpc
    customers: CustomersApiOverGrpc
    orders: OrdersApiOverGrpc
    reviews: ReviewsApiOverGrpc
    wallet: WalletApiOverGrpc
    notifications: NotificationsApiOverGrpc
    credit: CreditApiOverGrpc


@dataclass
class Context:
    apis: Apis
    principal: Principal | None
    idempotency_key: str | None = None
    loads: Loads = field(default_factory=Loads)
    cost: int | None = None
    # Why the connection's token was refused (a subscription's connection_init): each operation is refused with it.
    refused_token: GraphQLError | None = None

    def signed_in(self) -> Principal:
        """The caller, or the request is refused: this field needs an access token."""
        if self.principal is None:
            raise refusal("send an access token as `Authorization: Bearer <token>`", "missing_token", UNAUTHENTICATED)
        return self.principal

    def key_for(self, info: Info) -> str | None:
        """The request's Idempotency-Key for one mutation field (by its response key): a retry of the same
        document under the same key replays each of its mutations, and two mutations of one document never share
        a key."""
        if self.idempotency_key is None:
            return None
        return hashlib.sha256(f"{self.idempotency_key}\n{info.path.key}".encode()).hexdigest()


def context_of(info: Info) -> Context:
    context = info.context
    assert isinstance(context, Context)
    return context
