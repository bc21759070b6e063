"""Orders: placing, following and moving them on."""

from __future__ import annotations

from typing import Any

from agora.graphql.agora import server as contract
from agora.rest.agora_v1 import models
from services.gateway.graphql.catalog import product_by_id, user_by_id
from services.gateway.graphql.context import Context, Info, context_of
from services.gateway.graphql.errors import queried, signed_in_change
from services.gateway.graphql.ids import global_id, id_of
from services.platform.context import Principal


class OrderResolvers(contract.OrderResolvers):
    async def id(self, parent: models.Order, info: Info) -> str:
        return global_id("Order", parent.id)

    async def user(self, parent: models.Order, info: Info) -> models.User | None:
        return await user_by_id(context_of(info), parent.user_id)

    async def lines(self, parent: models.Order, info: Info) -> list[models.OrderLine]:
        return parent.lines

    async def total(self, parent: models.Order, info: Info) -> models.Total:
        return parent.total

    async def timeline(self, parent: models.Order, info: Info) -> list[models.TimelineEntry]:
        context = context_of(info)
        timeline = await queried(
            context.apis.orders.get_order_timeline(order_id=parent.id, principal=context.signed_in())
        )
        return timeline.items if timeline is not None else []


class OrderLineResolvers(contract.OrderLineResolvers):
    async def product(self, parent: models.OrderLine, info: Info) -> models.Product | None:
        return await product_by_id(context_of(info), parent.product_id)

    async def unit_price(self, parent: models.OrderLine, info: Info) -> models.Price:
        return parent.unit_price


class OrderMutations:
    async def place_order(self, parent: Any, info: Info, *, input: contract.PlaceOrderInput) -> dict[str, Any]:
        async def place(context: Context, principal: Principal) -> models.Order:
            items = [
                models.OrderItem(product_id=id_of("Product", item["product_id"]), quantity=item["quantity"])
                for item in input.get("items") or []
            ]
            body = models.PlaceOrderRequest(items=items or None)
            return await context.apis.orders.place_order(
                body=body, idempotency_key=context.key_for(info), principal=principal
            )

        return await signed_in_change(info, "order", place)

    async def cancel_order(self, parent: Any, info: Info, *, input: contract.OrderIdInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "order",
            lambda context, principal: context.apis.orders.cancel_order(
                order_id=id_of("Order", input["id"]), principal=principal
            ),
        )

    async def ship_order(self, parent: Any, info: Info, *, input: contract.OrderIdInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "order",
            lambda context, principal: context.apis.orders.ship_order(
                order_id=id_of("Order", input["id"]), principal=principal
            ),
        )

    async def deliver_order(self, parent: Any, info: Info, *, input: contract.OrderIdInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "order",
            lambda context, principal: context.apis.orders.deliver_order(
                order_id=id_of("Order", input["id"]), principal=principal
            ),
        )
