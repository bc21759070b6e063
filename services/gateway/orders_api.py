"""agora.v1's orders, served by calling orders over gRPC; placing an order hands orders its idempotency key."""

from __future__ import annotations

import uuid
from datetime import UTC
from typing import Literal

from agora.orders.v1 import orders_pb2 as pb
from agora.rest.agora_v1 import models
from agora.rest.agora_v1.server import OrdersApi
from services.gateway.connections import Connections
from services.platform.context import Principal
from services.platform.grpc_client import Caller

STATUS_MESSAGES = {status: pb.OrderStatus.Value(f"ORDER_STATUS_{status.value}") for status in models.OrderStatus}
STATUS_MODELS = {number: status for status, number in STATUS_MESSAGES.items()}


def order_model(order: pb.Order) -> models.Order:
    return models.Order(
        id=uuid.UUID(order.id),
        user_id=uuid.UUID(order.user_id),
        status=STATUS_MODELS[order.status],
        reason=order.reason,
        lines=[
            models.OrderLine(
                product_id=uuid.UUID(line.product_id),
                name=line.name,
                quantity=line.quantity,
                unit_price=models.Price(amount=line.unit_price.amount, currency=line.unit_price.currency),
            )
            for line in order.lines
        ],
        total=models.Total(amount=order.total.amount, currency=order.total.currency),
        created_at=order.created_at.ToDatetime(tzinfo=UTC),
        updated_at=order.updated_at.ToDatetime(tzinfo=UTC),
    )


class OrdersApiOverGrpc(OrdersApi):
    def __init__(self, connections: Connections, call: Caller) -> None:
        self.connections = connections
        self.call = call

    async def place_order(
        self, *, body: models.PlaceOrderRequest, idempotency_key: str | None, principal: Principal
    ) -> models.Order:
        items = [
            pb.PlaceOrderRequest.Item(product_id=str(item.product_id), quantity=item.quantity)
            for item in body.items or []
        ]
        request = pb.PlaceOrderRequest(items=items, idempotency_key=idempotency_key or "")
        reply = await self.call(self.connections.orders.PlaceOrder, request, principal=principal)
        return order_model(reply.order)

    async def list_orders(
        self,
        *,
        status: Literal[
            "PENDING", "RESERVED", "PAID", "SHIPPED", "DELIVERED", "CANCELLING", "CANCELLED", "COMPENSATION_FAILED"
        ]
        | None,
        cursor: str | None,
        limit: int,
        principal: Principal,
    ) -> models.OrderPage:
        wanted = STATUS_MESSAGES[models.OrderStatus(status)] if status else pb.ORDER_STATUS_UNSPECIFIED
        request = pb.ListOrdersRequest(status=wanted, cursor=cursor or "", limit=limit)
        reply = await self.call(self.connections.orders.ListOrders, request, principal=principal)
        return models.OrderPage(items=[order_model(o) for o in reply.orders], next_cursor=reply.next_cursor or None)

    async def get_order(self, *, order_id: uuid.UUID, principal: Principal) -> models.Order:
        request = pb.GetOrderRequest(order_id=str(order_id))
        return order_model((await self.call(self.connections.orders.GetOrder, request, principal=principal)).order)

    async def get_order_timeline(self, *, order_id: uuid.UUID, principal: Principal) -> models.OrderTimeline:
        request = pb.GetTimelineRequest(order_id=str(order_id))
        reply = await self.call(self.connections.orders.GetTimeline, request, principal=principal)
        return models.OrderTimeline(
            items=[
                models.TimelineEntry(
                    status=STATUS_MODELS[entry.status], reason=entry.reason, at=entry.at.ToDatetime(tzinfo=UTC)
                )
                for entry in reply.entries
            ]
        )

    async def cancel_order(self, *, order_id: uuid.UUID, principal: Principal) -> models.Order:
        request = pb.CancelOrderRequest(order_id=str(order_id))
        return order_model((await self.call(self.connections.orders.CancelOrder, request, principal=principal)).order)

    async def ship_order(self, *, order_id: uuid.UUID, principal: Principal) -> models.Order:
        return await self._advance(order_id, pb.ORDER_STATUS_SHIPPED, principal)

    async def deliver_order(self, *, order_id: uuid.UUID, principal: Principal) -> models.Order:
        return await self._advance(order_id, pb.ORDER_STATUS_DELIVERED, principal)

    async def _advance(
        self, order_id: uuid.UUID, status: pb.OrderStatus.ValueType, principal: Principal
    ) -> models.Order:
        request = pb.AdvanceOrderRequest(order_id=str(order_id), status=status)
        return order_model((await self.call(self.connections.orders.AdvanceOrder, request, principal=principal)).order)
