"""The wallet: balances and transactions (on the viewer), transfers, conversions, and the admins' operations."""

from __future__ import annotations

from typing import Any

from agora.graphql.agora import server as contract
from agora.rest.agora_v1 import models
from services.gateway.graphql.catalog import user_by_id
from services.gateway.graphql.context import Info, context_of
from services.gateway.graphql.errors import InvalidInput, signed_in_change
from services.gateway.graphql.ids import global_id, id_of

WALLET_CURRENCIES = {currency.value for currency in models.WalletCurrency}


def wallet_currency(value: str, field: str) -> str:
    if value not in WALLET_CURRENCIES:
        raise InvalidInput(
            ["input", field], "validation_failed", f"the wallet keeps {', '.join(sorted(WALLET_CURRENCIES))}"
        )
    return value


class WalletTransactionResolvers(contract.WalletTransactionResolvers):
    async def id(self, parent: models.WalletTransaction, info: Info) -> str:
        return global_id("WalletTransaction", parent.id)

    async def amounts(self, parent: models.WalletTransaction, info: Info) -> list[models.Money]:
        return parent.amounts

    async def counterparty(self, parent: models.WalletTransaction, info: Info) -> models.Counterparty | None:
        return parent.counterparty


class CounterpartyResolvers(contract.CounterpartyResolvers):
    async def user(self, parent: models.Counterparty, info: Info) -> models.User | None:
        return await user_by_id(context_of(info), parent.user_id)


class WalletMutations:
    """Each money mutation hands the wallet this field's idempotency key, which it keeps in its ledger."""

    async def transfer(self, parent: Any, info: Info, *, input: contract.TransferInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "transaction",
            lambda context, principal: context.apis.wallet.transfer(
                body=models.TransferRequest.model_validate(dict(input)),
                idempotency_key=context.key_for(info),
                principal=principal,
            ),
        )

    async def convert_currency(
        self, parent: Any, info: Info, *, input: contract.ConvertCurrencyInput
    ) -> dict[str, Any]:
        payload = await signed_in_change(
            info,
            "conversion",
            lambda context, principal: context.apis.wallet.convert_currency(
                body=models.ConversionRequest.model_validate(dict(input)),
                idempotency_key=context.key_for(info),
                principal=principal,
            ),
        )
        conversion = payload.pop("conversion")
        return payload | {
            "transaction": conversion.transaction if conversion else None,
            "rate": conversion.rate if conversion else None,
        }

    async def top_up(self, parent: Any, info: Info, *, input: contract.TopUpInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "transaction",
            lambda context, principal: context.apis.wallet.top_up(
                body=models.TopUpRequest.model_validate(
                    {"user_id": id_of("User", input["user_id"]), "amount": input["amount"]}
                ),
                idempotency_key=context.key_for(info),
                principal=principal,
            ),
        )

    async def charge(self, parent: Any, info: Info, *, input: contract.ChargeInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "transaction",
            lambda context, principal: context.apis.wallet.charge(
                body=models.ChargeRequest.model_validate(
                    {
                        "user_id": id_of("User", input["user_id"]),
                        "amount": input["amount"],
                        "reference": input["reference"],
                    }
                ),
                idempotency_key=context.key_for(info),
                principal=principal,
            ),
        )

    async def refund(self, parent: Any, info: Info, *, input: contract.RefundInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "transaction",
            lambda context, principal: context.apis.wallet.refund(
                charge_id=id_of("WalletTransaction", input["charge_id"]),
                idempotency_key=context.key_for(info),
                principal=principal,
            ),
        )

    async def set_rate(self, parent: Any, info: Info, *, input: contract.SetRateInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "rate",
            lambda context, principal: context.apis.wallet.set_rate(
                body=models.SetRateRequest(rate=input["rate"]),
                base_currency=wallet_currency(input["base"], "base"),
                quote_currency=wallet_currency(input["quote"], "quote"),
                principal=principal,
            ),
        )
