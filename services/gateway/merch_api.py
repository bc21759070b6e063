"""The merch shop's API (contracts/rest/merch.yaml) over identity, catalog and wallet."""

from __future__ import annotations

import asyncio
import time

from agora.catalog.v1 import catalog_pb2
from agora.common.v1.money_pb2 import Money
from agora.identity.v1 import identity_pb2
from agora.rest.merch import models
from agora.rest.merch.server import MerchApi
from agora.wallet.v1 import wallet_pb2
from services.gateway.connections import Connections
from services.gateway.identity_api import signed_in
from services.gateway.rate_limits import RateLimits
from services.gateway.wallet_api import open_accounts
from services.platform.context import Principal
from services.platform.grpc_client import Caller
from services.platform.rest import ProblemError

MERCH_CATEGORY = "merch"
COIN = "COIN"
MAX_COINS = 10**15
"""The most coins one transfer may move (the wallet's largest posting)."""


class MerchPrices:
    """The merch items and their prices, from catalog, kept for a few seconds: buys are hot, prices change rarely."""

    def __init__(self, connections: Connections, call: Caller, ttl_seconds: float) -> None:
        self.connections = connections
        self.call = call
        self.ttl_seconds = ttl_seconds
        self._prices: dict[str, Money] = {}
        self._fetched_at = float("-inf")
        self._refresh = asyncio.Lock()

    async def price_of(self, item: str) -> Money | None:
        if time.monotonic() - self._fetched_at > self.ttl_seconds:
            async with self._refresh:  # one fetch for every buy that found the list stale
                if time.monotonic() - self._fetched_at > self.ttl_seconds:
                    self._prices = await self._fetch()
                    self._fetched_at = time.monotonic()
        return self._prices.get(item)

    async def _fetch(self) -> dict[str, Money]:
        prices: dict[str, Money] = {}
        cursor = ""
        while True:
            request = catalog_pb2.ListProductsRequest(category=MERCH_CATEGORY, cursor=cursor, limit=100)
            reply = await self.call(self.connections.catalog.ListProducts, request)
            prices.update((product.name, product.price) for product in reply.products)
            if not reply.next_cursor:
                return prices
            cursor = reply.next_cursor


class MerchApiOverGrpc(MerchApi):
    def __init__(self, connections: Connections, call: Caller, prices: MerchPrices, limits: RateLimits) -> None:
        self.connections = connections
        self.call = call
        self.prices = prices
        self.limits = limits

    async def auth(self, *, body: models.AuthRequest) -> models.AuthResponse:
        request = identity_pb2.LogInOrRegisterRequest(username=body.username, password=body.password.get_secret_value())
        sign_in = self.connections.identity.LogInOrRegister
        reply = await signed_in(self.limits, body.username, lambda: self.call(sign_in, request))
        if reply.HasField("registered"):
            await open_accounts(self.connections, self.call, reply.registered.id, reply.registered.username)
        return models.AuthResponse(token=reply.tokens.access_token)

    async def get_info(self, *, principal: Principal) -> models.InfoResponse:
        summary = await self.call(
            self.connections.wallet.GetMerchSummary, wallet_pb2.GetMerchSummaryRequest(), principal=principal
        )
        return models.InfoResponse(
            coins=summary.coins,
            inventory=[models.InventoryItem(type=i.item, quantity=i.quantity) for i in summary.inventory],
            coinHistory=models.CoinHistory(
                received=[models.ReceivedCoins(fromUser=r.username, amount=r.amount) for r in summary.received],
                sent=[models.SentCoins(toUser=s.username, amount=s.amount) for s in summary.sent],
            ),
        )

    async def send_coin(self, *, body: models.SendCoinRequest, principal: Principal) -> None:
        if not 0 < body.amount <= MAX_COINS:
            raise ProblemError(400, "invalid_amount", f"amount must be between 1 and {MAX_COINS}")
        request = wallet_pb2.TransferRequest(to_username=body.toUser, amount=Money(amount=body.amount, currency=COIN))
        await self.call(self.connections.wallet.Transfer, request, principal=principal)

    async def buy_item(self, *, item: str, principal: Principal) -> None:
        price = await self.prices.price_of(item)
        if price is None:
            raise ProblemError(400, "unknown_item", f"there is no item {item!r}")
        await self.call(
            self.connections.wallet.Purchase, wallet_pb2.PurchaseRequest(item=item, price=price), principal=principal
        )
