"""agora.v1's cart and favourites, served by calling customers over gRPC."""

from __future__ import annotations

import uuid
from datetime import UTC

from agora.common.v1.money_pb2 import Money
from agora.customers.v1 import customers_pb2 as pb
from agora.rest.agora_v1 import models
from agora.rest.agora_v1.server import CustomersApi
from services.gateway.connections import Connections
from services.platform.context import Principal
from services.platform.grpc_client import Caller


def cart_model(cart: pb.Cart) -> models.Cart:
    return models.Cart(
        lines=[cart_line_model(line) for line in cart.lines],
        totals=[total_model(total) for total in cart.totals],
    )


def cart_line_model(line: pb.CartLine) -> models.CartLine:
    priced = line.HasField("unit_price")
    return models.CartLine(
        product_id=uuid.UUID(line.product_id),
        name=line.name or None,
        quantity=line.quantity,
        unit_price=models.Price(amount=line.unit_price.amount, currency=line.unit_price.currency) if priced else None,
        line_total=total_model(line.line_total) if line.HasField("line_total") else None,
        available=line.available,
    )


def total_model(total: Money) -> models.Total:
    return models.Total(amount=total.amount, currency=total.currency)


def favourite_model(favourite: pb.Favourite) -> models.Favourite:
    return models.Favourite(
        product_id=uuid.UUID(favourite.product_id), added_at=favourite.added_at.ToDatetime(tzinfo=UTC)
    )


class CustomersApiOverGrpc(CustomersApi):
    def __init__(self, connections: Connections, call: Caller) -> None:
        self.connections = connections
        self.call = call

    async def get_cart(self, *, principal: Principal) -> models.Cart:
        reply = await self.call(self.connections.customers.GetCart, pb.GetCartRequest(), principal=principal)
        return cart_model(reply.cart)

    async def set_cart_item(
        self, *, body: models.CartItemRequest, product_id: uuid.UUID, principal: Principal
    ) -> models.Cart:
        request = pb.SetCartItemRequest(product_id=str(product_id), quantity=body.quantity)
        reply = await self.call(self.connections.customers.SetCartItem, request, principal=principal)
        return cart_model(reply.cart)

    async def remove_cart_item(self, *, product_id: uuid.UUID, principal: Principal) -> models.Cart:
        request = pb.RemoveCartItemRequest(product_id=str(product_id))
        reply = await self.call(self.connections.customers.RemoveCartItem, request, principal=principal)
        return cart_model(reply.cart)

    async def list_favourites(self, *, cursor: str | None, limit: int, principal: Principal) -> models.FavouritePage:
        request = pb.ListFavouritesRequest(cursor=cursor or "", limit=limit)
        reply = await self.call(self.connections.customers.ListFavourites, request, principal=principal)
        return models.FavouritePage(
            items=[favourite_model(f) for f in reply.favourites], next_cursor=reply.next_cursor or None
        )

    async def add_favourite(self, *, product_id: uuid.UUID, principal: Principal) -> models.Favourite:
        request = pb.AddFavouriteRequest(product_id=str(product_id))
        reply = await self.call(self.connections.customers.AddFavourite, request, principal=principal)
        return favourite_model(reply.favourite)

    async def remove_favourite(self, *, product_id: uuid.UUID, principal: Principal) -> None:
        request = pb.RemoveFavouriteRequest(product_id=str(product_id))
        await self.call(self.connections.customers.RemoveFavourite, request, principal=principal)
