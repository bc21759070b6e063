"""The wallet: money mutations with their idempotency keys, the bodies they send, history paging and rates."""

from __future__ import annotations

import uuid

import httpx
import pytest

from agora_sdk import Agora, AsyncAgora, InvalidArgumentError
from agora_sdk.models import Counterparty, Money, WalletCurrency, WalletTransactionKind
from tests.sdk.fakes import (
    USER_ID,
    FakeAPI,
    conversion_json,
    json_body,
    ok,
    page_json,
    problem,
    rate_json,
    transaction_json,
)

PAGES = {None: (range(0, 2), "c1"), "c1": (range(2, 3), None)}


def paged(request: httpx.Request) -> httpx.Response:
    indexes, next_cursor = PAGES[request.url.params.get("cursor")]
    return httpx.Response(200, json=page_json(indexes, next_cursor, item=transaction_json))


def test_a_transfer_keeps_one_idempotency_key_across_retries_and_parses_the_transaction(
    api: FakeAPI, client: Agora
) -> None:
    api.script("POST", "/v1/wallet/transfers", problem(503, "unavailable"), ok(transaction_json(), 201))

    transaction = client.wallet.transfer(to_username="bob", amount=500, currency=WalletCurrency.USD)

    first, second = api.requests
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert uuid.UUID(first.headers["Idempotency-Key"]).version == 4
    assert json_body(second) == {"to_username": "bob", "amount": {"amount": 500, "currency": "USD"}}
    assert transaction.kind is WalletTransactionKind.TRANSFER
    assert transaction.amounts == [Money(amount=-500, currency=WalletCurrency.USD)]
    assert transaction.counterparty == Counterparty(user_id=USER_ID, username="bob")


def test_a_charge_sends_the_user_and_amount_and_omits_a_reference_not_given(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/wallet/charges", ok(transaction_json(kind="charge"), 201))

    client.wallet.charge(user_id=USER_ID, amount=30, currency="COIN")

    assert json_body(api.requests[0]) == {"user_id": str(USER_ID), "amount": {"amount": 30, "currency": "COIN"}}


def test_convert_sends_the_target_currency_and_returns_the_rate_applied(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/wallet/conversions", ok(conversion_json(), 201))

    conversion = client.wallet.convert(amount=500, currency="USD", to_currency="EUR")

    assert json_body(api.requests[0]) == {"amount": {"amount": 500, "currency": "USD"}, "to_currency": "EUR"}
    assert conversion.rate == "0.9237"
    assert [money.currency for money in conversion.transaction.amounts] == [WalletCurrency.USD, WalletCurrency.EUR]


def test_balances_hold_one_amount_per_currency(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/wallet/balances", ok({"items": [{"amount": 1200, "currency": "USD"}]}))

    balances = client.wallet.balances()

    assert balances.items == [Money(amount=1200, currency=WalletCurrency.USD)]


def test_transactions_iter_follows_next_cursor_until_it_is_absent(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/wallet/transactions", paged)

    transactions = list(client.wallet.transactions.iter(page_size=2))

    assert [str(transaction.id) for transaction in transactions] == [transaction_json(i)["id"] for i in range(3)]
    assert [request.url.params.get("cursor") for request in api.requests] == [None, "c1"]
    assert {request.url.params["limit"] for request in api.requests} == {"2"}


async def test_async_transactions_iter_follows_next_cursor(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("GET", "/v1/wallet/transactions", paged)

    transactions = [transaction async for transaction in aclient.wallet.transactions.iter()]

    assert len(transactions) == 3
    assert [request.url.params.get("cursor") for request in api.requests] == [None, "c1"]


def test_set_rate_puts_the_rate_on_its_currency_pair(api: FakeAPI, client: Agora) -> None:
    api.script("PUT", "/v1/wallet/rates/USD/EUR", ok(rate_json()))

    rate = client.wallet.rates.set(WalletCurrency.USD, "EUR", rate="0.9237")

    [request] = api.requests
    assert json_body(request) == {"rate": "0.9237"}
    assert "Idempotency-Key" in request.headers
    assert (rate.base, rate.quote, rate.rate) == (WalletCurrency.USD, WalletCurrency.EUR, "0.9237")


def test_an_unknown_currency_or_a_malformed_charge_id_is_refused_before_sending(api: FakeAPI, client: Agora) -> None:
    with pytest.raises(InvalidArgumentError, match="is not a valid WalletCurrency"):
        client.wallet.rates.set("USD", "../balances", rate="1")
    with pytest.raises(InvalidArgumentError, match="is not a valid WalletCurrency"):
        client.wallet.transfer(to_username="bob", amount=1, currency="usd")
    with pytest.raises(InvalidArgumentError, match="badly formed"):
        client.wallet.refund("../balances")
    assert api.requests == []
