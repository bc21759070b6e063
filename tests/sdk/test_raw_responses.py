"""`with_raw_response`: a call's final HTTP response, its request id and replay flag, and the usual parsed result."""

from __future__ import annotations

import asyncio

import pytest

from agora_sdk import Agora, AsyncAgora, ConflictError
from agora_sdk.models import WalletTransaction, WalletTransactionPage
from tests.sdk.fakes import FakeAPI, ok, page_json, problem, tokens_json, transaction_json, user_json


def test_a_raw_transfer_carries_the_status_the_request_id_and_the_replay_flag(api: FakeAPI, client: Agora) -> None:
    replayed = {"X-Request-Id": "req-42", "Idempotent-Replayed": "true"}
    api.script("POST", "/v1/wallet/transfers", ok(transaction_json(), 201), ok(transaction_json(), 201, replayed))

    first = client.wallet.with_raw_response.transfer(to_username="bob", amount=5, currency="COIN")
    again = client.wallet.with_raw_response.transfer(
        to_username="bob", amount=5, currency="COIN", idempotency_key="rent-1"
    )

    assert (first.status_code, first.request_id, first.idempotent_replayed) == (201, None, False)
    assert (again.status_code, again.request_id, again.idempotent_replayed) == (201, "req-42", True)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert isinstance(again.parse(), WalletTransaction)
    assert str(again.parse().id) == transaction_json()["id"]


def test_the_raw_response_is_the_last_attempts(api: FakeAPI, client: Agora) -> None:
    api.script(
        "GET",
        "/v1/users/me",
        problem(503, "unavailable", headers={"X-Request-Id": "req-1"}),
        ok(user_json(), headers={"X-Request-Id": "req-2"}),
    )

    raw = client.identity.with_raw_response.me()

    assert (raw.status_code, raw.request_id) == (200, "req-2")


def test_the_raw_response_after_a_token_refresh_is_the_resent_calls(api: FakeAPI, client: Agora) -> None:
    client.refresh_token = "r-0"
    api.script("POST", "/v1/auth/refresh", ok(tokens_json(2), headers={"X-Request-Id": "refresh"}))
    api.script("GET", "/v1/users/me", problem(401, "token_expired"), ok(user_json(), headers={"X-Request-Id": "me"}))

    assert client.identity.with_raw_response.me().request_id == "me"


def test_sub_resources_have_raw_responses_too(api: FakeAPI, client: Agora) -> None:
    api.script(
        "GET", "/v1/wallet/transactions", ok(page_json(range(1), item=transaction_json), headers={"X-Request-Id": "r"})
    )

    raw = client.wallet.with_raw_response.transactions.list(limit=1)

    assert raw.request_id == "r"
    assert isinstance(raw.parse(), WalletTransactionPage)


def test_an_error_is_still_raised(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/wallet/transfers", problem(409, "insufficient_funds"))

    with pytest.raises(ConflictError):
        client.wallet.with_raw_response.transfer(to_username="bob", amount=5, currency="COIN")


def test_methods_that_are_not_one_call_have_no_raw_response(api: FakeAPI, client: Agora, aclient: AsyncAgora) -> None:
    with pytest.raises(TypeError, match="no raw response"):
        client.wallet.with_raw_response.transactions.iter()
    with pytest.raises(AttributeError, match="not a single API call"):
        _ = aclient.wallet.with_raw_response.transactions.iter
    with pytest.raises(AttributeError):
        _ = client.wallet.with_raw_response._client
    assert api.requests == []


async def test_concurrent_async_raw_calls_keep_their_own_responses(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script(
        "GET",
        "/v1/users/me",
        ok(user_json(), headers={"X-Request-Id": "a"}),
        ok(user_json(), headers={"X-Request-Id": "b"}),
    )

    first, second = await asyncio.gather(
        aclient.identity.with_raw_response.me(), aclient.identity.with_raw_response.me()
    )

    assert {first.request_id, second.request_id} == {"a", "b"}


def test_a_parsed_result_keeps_the_request_id_of_its_response(api: FakeAPI, client: Agora) -> None:
    api.script(
        "GET",
        "/v1/users/me",
        problem(503, "unavailable", headers={"X-Request-Id": "req-1"}),
        ok(user_json(), headers={"X-Request-Id": "req-2"}),
    )
    api.script("POST", "/v1/wallet/transfers", ok(transaction_json(), 201))

    me = client.identity.me()
    transfer = client.wallet.transfer(to_username="bob", amount=5, currency="COIN")

    assert me._request_id == "req-2"  # the answer's, not the retried attempt's
    assert transfer._request_id is None  # the server sent none
    assert "_request_id" not in me.to_dict()
    assert "req-2" not in repr(me)
