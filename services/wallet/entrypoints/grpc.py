"""wallet's gRPC servicer: translates protobuf to use-case calls and back, nothing more."""

from __future__ import annotations

import uuid
from typing import Any

from agora.wallet.v1 import wallet_pb2 as pb
from agora.wallet.v1 import wallet_pb2_grpc as pb_grpc
from services.platform.grpc_server import Servicer, principal_of_call
from services.wallet.domain import ChargeNotFound
from services.wallet.entrypoints.messages import (
    balance_messages,
    money_of,
    rate_message,
    transaction_message,
    user_id_of,
)
from services.wallet.service_layer import WalletService

Context = Any


class WalletServicer(pb_grpc.WalletServiceServicer):
    def __init__(self, service: WalletService) -> None:
        self.service = service

    async def OpenAccounts(self, request: pb.OpenAccountsRequest, context: Context) -> pb.OpenAccountsResponse:
        balances = await self.service.open_accounts(user_id_of(request.user_id), request.username)
        return pb.OpenAccountsResponse(balances=balance_messages(balances))

    async def GetBalances(self, request: pb.GetBalancesRequest, context: Context) -> pb.GetBalancesResponse:
        balances = await self.service.balances(principal_of_call())
        return pb.GetBalancesResponse(balances=balance_messages(balances))

    async def ListTransactions(
        self, request: pb.ListTransactionsRequest, context: Context
    ) -> pb.ListTransactionsResponse:
        page = await self.service.history(principal_of_call(), request.cursor or None, request.limit)
        return pb.ListTransactionsResponse(
            transactions=[transaction_message(t) for t in page.transactions], next_cursor=page.next_cursor or ""
        )

    async def Transfer(self, request: pb.TransferRequest, context: Context) -> pb.TransferResponse:
        transaction = await self.service.transfer(
            principal_of_call(), request.to_username, money_of(request.amount), request.idempotency_key
        )
        return pb.TransferResponse(transaction=transaction_message(transaction))

    async def Purchase(self, request: pb.PurchaseRequest, context: Context) -> pb.PurchaseResponse:
        transaction = await self.service.purchase(
            principal_of_call(), request.item, money_of(request.price), request.idempotency_key
        )
        return pb.PurchaseResponse(transaction=transaction_message(transaction))

    async def Convert(self, request: pb.ConvertRequest, context: Context) -> pb.ConvertResponse:
        conversion = await self.service.convert(
            principal_of_call(), money_of(request.amount), request.to_currency, request.idempotency_key
        )
        return pb.ConvertResponse(transaction=transaction_message(conversion.transaction), rate=conversion.rate)

    async def TopUp(self, request: pb.TopUpRequest, context: Context) -> pb.TopUpResponse:
        transaction = await self.service.top_up(
            principal_of_call(), user_id_of(request.user_id), money_of(request.amount), request.idempotency_key
        )
        return pb.TopUpResponse(transaction=transaction_message(transaction))

    async def Charge(self, request: pb.ChargeRequest, context: Context) -> pb.ChargeResponse:
        transaction = await self.service.charge(
            principal_of_call(),
            user_id_of(request.user_id),
            money_of(request.amount),
            request.reference,
            request.idempotency_key,
        )
        return pb.ChargeResponse(transaction=transaction_message(transaction))

    async def Refund(self, request: pb.RefundRequest, context: Context) -> pb.RefundResponse:
        try:
            charge_id = uuid.UUID(request.charge_id)
        except ValueError:
            raise ChargeNotFound(f"no charge {request.charge_id!r}") from None
        transaction = await self.service.refund(principal_of_call(), charge_id, request.idempotency_key)
        return pb.RefundResponse(transaction=transaction_message(transaction))

    async def GetMerchSummary(self, request: pb.GetMerchSummaryRequest, context: Context) -> pb.GetMerchSummaryResponse:
        summary = await self.service.merch_summary(principal_of_call())
        return pb.GetMerchSummaryResponse(
            coins=summary.coins,
            inventory=[pb.InventoryItem(item=item, quantity=quantity) for item, quantity in summary.inventory],
            received=[pb.CoinsByUser(username=name, amount=amount) for name, amount in summary.received],
            sent=[pb.CoinsByUser(username=name, amount=amount) for name, amount in summary.sent],
        )

    async def SetRate(self, request: pb.SetRateRequest, context: Context) -> pb.SetRateResponse:
        rate = await self.service.set_rate(principal_of_call(), request.base, request.quote, request.rate)
        return pb.SetRateResponse(rate=rate_message(rate))

    async def ListRates(self, request: pb.ListRatesRequest, context: Context) -> pb.ListRatesResponse:
        return pb.ListRatesResponse(rates=[rate_message(rate) for rate in await self.service.rates_in_force()])


def wallet_servicer(service: WalletService) -> Servicer:
    return Servicer(
        WalletServicer(service),
        pb_grpc.add_WalletServiceServicer_to_server,
        pb.DESCRIPTOR.services_by_name["WalletService"].full_name,
    )
