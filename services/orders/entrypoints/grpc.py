"""orders' gRPC servicer: translates protobuf to use-case calls and back, nothing more."""

from __future__ import annotations

import uuid
from typing import Any

from agora.orders.v1 import orders_pb2 as pb
from agora.orders.v1 import orders_pb2_grpc as pb_grpc
from services.orders.domain import InvalidItems
from services.orders.entrypoints.messages import STATUS_OF, order_id_of, order_message, timeline_message
from services.orders.service_layer import OrdersService
from services.platform.errors import InvalidArgument
from services.platform.grpc_server import Servicer, principal_of_call

Context = Any


def item_of(item: pb.PlaceOrderRequest.Item) -> tuple[uuid.UUID, int]:
    try:
        return uuid.UUID(item.product_id), item.quantity
    except ValueError:
        raise InvalidItems(f"{item.product_id!r} is not a product id") from None


class OrdersServicer(pb_grpc.OrdersServiceServicer):
    def __init__(self, service: OrdersService) -> None:
        self.service = service

    async def PlaceOrder(self, request: pb.PlaceOrderRequest, context: Context) -> pb.PlaceOrderResponse:
        items = [item_of(item) for item in request.items]
        order = await self.service.place_order(principal_of_call(), items, request.idempotency_key)
        return pb.PlaceOrderResponse(order=order_message(order))

    async def GetOrder(self, request: pb.GetOrderRequest, context: Context) -> pb.GetOrderResponse:
        order = await self.service.get_order(principal_of_call(), order_id_of(request.order_id))
        return pb.GetOrderResponse(order=order_message(order))

    async def ListOrders(self, request: pb.ListOrdersRequest, context: Context) -> pb.ListOrdersResponse:
        status = STATUS_OF.get(request.status)
        page = await self.service.list_orders(principal_of_call(), status, request.cursor or None, request.limit)
        return pb.ListOrdersResponse(
            orders=[order_message(order) for order in page.orders], next_cursor=page.next_cursor or ""
        )

    async def CancelOrder(self, request: pb.CancelOrderRequest, context: Context) -> pb.CancelOrderResponse:
        order = await self.service.cancel_order(principal_of_call(), order_id_of(request.order_id))
        return pb.CancelOrderResponse(order=order_message(order))

    async def AdvanceOrder(self, request: pb.AdvanceOrderRequest, context: Context) -> pb.AdvanceOrderResponse:
        status = STATUS_OF.get(request.status)
        if status is None:
            raise InvalidArgument("an order is advanced to SHIPPED or DELIVERED")
        order = await self.service.advance_order(principal_of_call(), order_id_of(request.order_id), status)
        return pb.AdvanceOrderResponse(order=order_message(order))

    async def GetTimeline(self, request: pb.GetTimelineRequest, context: Context) -> pb.GetTimelineResponse:
        entries = await self.service.timeline(principal_of_call(), order_id_of(request.order_id))
        return pb.GetTimelineResponse(entries=[timeline_message(entry) for entry in entries])


def orders_servicer(service: OrdersService) -> Servicer:
    return Servicer(
        OrdersServicer(service),
        pb_grpc.add_OrdersServiceServicer_to_server,
        pb.DESCRIPTOR.services_by_name["OrdersService"].full_name,
    )
