"""agora.v1's wallet operations, served by calling wallet over gRPC; the idempotency key travels with the call."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC

import grpc

from agora.common.v1.money_pb2 import Money as MoneyMessage
from agora.rest.agora_v1 import models
from agora.rest.agora_v1.server import WalletApi
from agora.wallet.v1 import wallet_pb2 as pb
from services.gateway.connections import Connections
from services.platform.context import Principal
from services.platform.grpc_client import Caller

log = logging.getLogger(__name__)

KINDS = {
    pb.TRANSACTION_KIND_GRANT: models.Kind.grant,
    pb.TRANSACTION_KIND_TRANSFER: models.Kind.transfer,
    pb.TRANSACTION_KIND_PURCHASE: models.Kind.purchase,
    pb.TRANSACTION_KIND_CONVERSION: models.Kind.conversion,
    pb.TRANSACTION_KIND_TOP_UP: models.Kind.top_up,
    pb.TRANSACTION_KIND_CHARGE: models.Kind.charge,
    pb.TRANSACTION_KIND_REFUND: models.Kind.refund,
    pb.TRANSACTION_KIND_LOAN_DISBURSAL: models.Kind.loan_disbursal,
    pb.TRANSACTION_KIND_LOAN_REPAYMENT: models.Kind.loan_repayment,
}


def amount_message(amount: models.Amount) -> MoneyMessage:
    return MoneyMessage(amount=amount.amount, currency=amount.currency.value)


def money_model(money: MoneyMessage) -> models.Money:
    return models.Money(amount=money.amount, currency=models.WalletCurrency(money.currency))


def transaction_model(transaction: pb.Transaction) -> models.WalletTransaction:
    counterparty = None
    if transaction.HasField("counterparty"):
        counterparty = models.Counterparty(
            user_id=uuid.UUID(transaction.counterparty.user_id), username=transaction.counterparty.username
        )
    return models.WalletTransaction(
        id=uuid.UUID(transaction.id),
        kind=KINDS[transaction.kind],
        amounts=[money_model(amount) for amount in transaction.amounts],
        counterparty=counterparty,
        reference=transaction.reference,
        created_at=transaction.created_at.ToDatetime(tzinfo=UTC),
    )


def rate_model(rate: pb.Rate) -> models.Rate:
    return models.Rate(
        base=models.WalletCurrency(rate.base),
        quote=models.WalletCurrency(rate.quote),
        rate=rate.rate,
        expires_at=rate.expires_at.ToDatetime(tzinfo=UTC),
    )


async def open_accounts(connections: Connections, call: Caller, user_id: str, username: str) -> None:
    """Opens a new user's wallet with its welcome coins, so they are visible at once.

    If wallet cannot be reached the registration still stands: wallet's consumer of UserRegistered opens it later.
    """
    try:
        await call(connections.wallet.OpenAccounts, pb.OpenAccountsRequest(user_id=user_id, username=username))
    except grpc.aio.AioRpcError as error:
        log.warning("could not open the wallet of %s now (%s); its registration event will", user_id, error.code())


class WalletApiOverGrpc(WalletApi):
    def __init__(self, connections: Connections, call: Caller) -> None:
        self.connections = connections
        self.call = call

    async def get_balances(self, *, principal: Principal) -> models.BalanceList:
        reply = await self.call(self.connections.wallet.GetBalances, pb.GetBalancesRequest(), principal=principal)
        return models.BalanceList(items=[money_model(balance.available) for balance in reply.balances])

    async def list_wallet_transactions(
        self, *, cursor: str | None, limit: int, principal: Principal
    ) -> models.WalletTransactionPage:
        request = pb.ListTransactionsRequest(cursor=cursor or "", limit=limit)
        reply = await self.call(self.connections.wallet.ListTransactions, request, principal=principal)
        return models.WalletTransactionPage(
            items=[transaction_model(t) for t in reply.transactions], next_cursor=reply.next_cursor or None
        )

    async def transfer(
        self, *, body: models.TransferRequest, idempotency_key: str | None, principal: Principal
    ) -> models.WalletTransaction:
        request = pb.TransferRequest(
            to_username=body.to_username, amount=amount_message(body.amount), idempotency_key=idempotency_key or ""
        )
        reply = await self.call(self.connections.wallet.Transfer, request, principal=principal)
        return transaction_model(reply.transaction)

    async def convert_currency(
        self, *, body: models.ConversionRequest, idempotency_key: str | None, principal: Principal
    ) -> models.Conversion:
        request = pb.ConvertRequest(
            amount=amount_message(body.amount),
            to_currency=body.to_currency.value,
            idempotency_key=idempotency_key or "",
        )
        reply = await self.call(self.connections.wallet.Convert, request, principal=principal)
        return models.Conversion(transaction=transaction_model(reply.transaction), rate=reply.rate)

    async def top_up(
        self, *, body: models.TopUpRequest, idempotency_key: str | None, principal: Principal
    ) -> models.WalletTransaction:
        request = pb.TopUpRequest(
            user_id=str(body.user_id), amount=amount_message(body.amount), idempotency_key=idempotency_key or ""
        )
        reply = await self.call(self.connections.wallet.TopUp, request, principal=principal)
        return transaction_model(reply.transaction)

    async def charge(
        self, *, body: models.ChargeRequest, idempotency_key: str | None, principal: Principal
    ) -> models.WalletTransaction:
        request = pb.ChargeRequest(
            user_id=str(body.user_id),
            amount=amount_message(body.amount),
            reference=body.reference or "",
            idempotency_key=idempotency_key or "",
        )
        reply = await self.call(self.connections.wallet.Charge, request, principal=principal)
        return transaction_model(reply.transaction)

    async def refund(
        self, *, charge_id: uuid.UUID, idempotency_key: str | None, principal: Principal
    ) -> models.WalletTransaction:
        request = pb.RefundRequest(charge_id=str(charge_id), idempotency_key=idempotency_key or "")
        reply = await self.call(self.connections.wallet.Refund, request, principal=principal)
        return transaction_model(reply.transaction)

    async def list_rates(self, *, principal: Principal) -> models.RateList:
        reply = await self.call(self.connections.wallet.ListRates, pb.ListRatesRequest(), principal=principal)
        return models.RateList(items=[rate_model(rate) for rate in reply.rates])

    async def set_rate(
        self, *, body: models.SetRateRequest, base_currency: str, quote_currency: str, principal: Principal
    ) -> models.Rate:
        request = pb.SetRateRequest(base=base_currency, quote=quote_currency, rate=body.rate)
        reply = await self.call(self.connections.wallet.SetRate, request, principal=principal)
        return rate_model(reply.rate)
