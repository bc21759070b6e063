"""customers' gRPC servicer: translates protobuf to use-case calls and back, nothing more."""

from __future__ import annotations

from typing import Any

from agora.customers.v1 import customers_pb2 as pb
from agora.customers.v1 import customers_pb2_grpc as pb_grpc
from services.customers.entrypoints.messages import cart_message, favourite_message, product_id_of
from services.customers.service_layer import CustomersService
from services.platform.grpc_server import Servicer, principal_of_call

Context = Any


class CustomersServicer(pb_grpc.CustomersServiceServicer):
    def __init__(self, service: CustomersService) -> None:
        self.service = service

    async def GetCart(self, request: pb.GetCartRequest, context: Context) -> pb.GetCartResponse:
        cart = await self.service.get_cart(principal_of_call())
        return pb.GetCartResponse(cart=cart_message(cart))

    async def SetCartItem(self, request: pb.SetCartItemRequest, context: Context) -> pb.SetCartItemResponse:
        cart = await self.service.set_cart_item(
            principal_of_call(), product_id_of(request.product_id), request.quantity
        )
        return pb.SetCartItemResponse(cart=cart_message(cart))

    async def RemoveCartItem(self, request: pb.RemoveCartItemRequest, context: Context) -> pb.RemoveCartItemResponse:
        cart = await self.service.remove_cart_item(principal_of_call(), product_id_of(request.product_id))
        return pb.RemoveCartItemResponse(cart=cart_message(cart))

    async def ListFavourites(self, request: pb.ListFavouritesRequest, context: Context) -> pb.ListFavouritesResponse:
        page = await self.service.list_favourites(principal_of_call(), request.cursor or None, request.limit)
        return pb.ListFavouritesResponse(
            favourites=[favourite_message(f) for f in page.favourites], next_cursor=page.next_cursor or ""
        )

    async def AddFavourite(self, request: pb.AddFavouriteRequest, context: Context) -> pb.AddFavouriteResponse:
        favourite = await self.service.add_favourite(principal_of_call(), product_id_of(request.product_id))
        return pb.AddFavouriteResponse(favourite=favourite_message(favourite))

    async def RemoveFavourite(self, request: pb.RemoveFavouriteRequest, context: Context) -> pb.RemoveFavouriteResponse:
        await self.service.remove_favourite(principal_of_call(), product_id_of(request.product_id))
        return pb.RemoveFavouriteResponse()


def customers_servicer(service: CustomersService) -> Servicer:
    return Servicer(
        CustomersServicer(service),
        pb_grpc.add_CustomersServiceServicer_to_server,
        pb.DESCRIPTOR.services_by_name["CustomersService"].full_name,
    )
