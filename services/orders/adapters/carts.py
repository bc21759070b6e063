"""customers as orders sees it: what is in a user's cart, asked over gRPC as that user."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import grpc

from agora.customers.v1 import customers_pb2 as pb
from agora.customers.v1.customers_pb2_grpc import CustomersServiceStub
from services.platform.context import Principal
from services.platform.errors import Unavailable
from services.platform.grpc_client import Caller, ServiceClient

if TYPE_CHECKING:
    from agora.customers.v1.customers_pb2_grpc import CustomersServiceAsyncStub


class CustomersUnavailable(Unavailable):
    code = "customers_unavailable"


class Carts:
    """The user's cart lines as (product, quantity); the channel opens on first use, inside the running loop."""

    def __init__(self, address: str, call: Caller) -> None:
        self.customers: ServiceClient[CustomersServiceAsyncStub] = ServiceClient(address, CustomersServiceStub, call)

    async def items(self, principal: Principal) -> list[tuple[uuid.UUID, int]]:
        try:
            reply = await self.customers.call(self.customers.stub().GetCart, pb.GetCartRequest(), principal=principal)
        except grpc.aio.AioRpcError as error:
            raise CustomersUnavailable(f"customers did not answer ({error.code().name.lower()})") from error
        return [(uuid.UUID(line.product_id), line.quantity) for line in reply.cart.lines]

    async def close(self) -> None:
        await self.customers.close()
