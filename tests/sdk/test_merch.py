"""`client.merch`: the merch shop's calls, the token `auth` leaves the client holding, its `{"errors"}` bodies as
typed errors, and its writes sent once, without an idempotency key."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from agora_sdk import (
    Agora,
    APIResponseValidationError,
    APITimeoutError,
    AsyncAgora,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    InvalidArgumentError,
    ServiceUnavailableError,
)
from agora_sdk.merch import AuthResponse, InfoResponse
from tests.sdk.fakes import BASE_URL, FakeAPI, SyncReply, fail, ok, tokens_json, user_json

INFO = {
    "coins": 900,
    "inventory": [{"type": "t-shirt", "quantity": 1}],
    "coinHistory": {"received": [{"fromUser": "bob", "amount": 20}], "sent": [{"toUser": "cat", "amount": 40}]},
}


def merch_error(status: int, message: str) -> SyncReply:
    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"errors": message})

    return reply


def body(request: httpx.Request) -> Any:
    return json.loads(request.content)


def test_auth_sends_the_credentials_and_the_client_holds_the_token(api: FakeAPI) -> None:
    http = httpx.Client(transport=api.transport())
    logged_in = Agora(base_url=BASE_URL, access_token="v1-access", refresh_token="v1-refresh", http_client=http)
    api.script("POST", "/api/auth", ok({"token": "merch-jwt"}))
    api.script("GET", "/api/info", ok(INFO))

    answer = logged_in.merch.auth(username="ada", password="pw")
    info = logged_in.merch.info()

    assert isinstance(answer, AuthResponse)
    assert answer.token == "merch-jwt"
    assert body(api.sent("POST", "/api/auth")[0]) == {"username": "ada", "password": "pw"}
    assert (logged_in.access_token, logged_in.refresh_token) == ("merch-jwt", None)
    assert api.sent("GET", "/api/info")[0].headers["Authorization"] == "Bearer merch-jwt"
    assert isinstance(info, InfoResponse)
    assert info.to_dict() == INFO


def test_the_merch_token_serves_the_rest_of_the_api_too(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/api/auth", ok({"token": "merch-jwt"}))
    api.script("GET", "/v1/users/me", ok(user_json()))

    client.merch.auth(username="ada", password="pw")
    client.identity.me()

    assert api.sent("GET", "/v1/users/me")[0].headers["Authorization"] == "Bearer merch-jwt"


def test_an_auth_answer_without_a_token_is_refused_and_nothing_is_held(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/api/auth", ok({}))

    with pytest.raises(APIResponseValidationError):
        client.merch.auth(username="ada", password="pw")

    assert client.access_token is None


def test_send_coin_and_buy_send_their_request(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/api/sendCoin", ok())
    api.script("GET", "/api/buy/pink hoody", ok())

    client.merch.send_coin(to_user="bob", amount=15)
    client.merch.buy("pink hoody")

    assert body(api.sent("POST", "/api/sendCoin")[0]) == {"toUser": "bob", "amount": 15}
    assert api.requests[1].url.raw_path == b"/api/buy/pink%20hoody"


def test_an_item_with_a_slash_stays_one_path_segment(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/api/buy/a/b", ok())

    client.merch.buy("a/b")

    assert api.requests[0].url.raw_path == b"/api/buy/a%2Fb"


def test_an_empty_item_is_refused_before_sending(api: FakeAPI, client: Agora) -> None:
    with pytest.raises(InvalidArgumentError):
        client.merch.buy("")

    assert api.requests == []


@pytest.mark.parametrize(
    ("status", "error_class"),
    [(400, BadRequestError), (401, AuthenticationError), (500, InternalServerError)],
)
def test_a_merch_error_is_typed_by_status_with_the_contracts_message(
    status: int, error_class: type[Exception], api: FakeAPI, client: Agora
) -> None:
    api.script("GET", "/api/buy/cup", merch_error(status, "not enough coins"))

    with pytest.raises(error_class) as caught:
        client.merch.buy("cup")

    error = caught.value
    assert isinstance(error, BadRequestError | AuthenticationError | InternalServerError)
    assert (error.status_code, error.detail, error.code, error.problem) == (status, "not enough coins", None, None)
    assert error.body == {"errors": "not enough coins"}
    assert "not enough coins" in str(error)


def test_merch_writes_carry_no_idempotency_key(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/api/auth", ok({"token": "merch-jwt"}))
    api.script("POST", "/api/sendCoin", ok())
    api.script("GET", "/api/buy/cup", ok())

    client.merch.auth(username="ada", password="pw")
    client.merch.send_coin(to_user="bob", amount=1)
    client.merch.buy("cup")

    assert [request.url.path for request in api.requests] == ["/api/auth", "/api/sendCoin", "/api/buy/cup"]
    assert all("Idempotency-Key" not in request.headers for request in api.requests)


@pytest.mark.parametrize(
    ("reply", "error_class"),
    [
        (merch_error(500, "failed"), InternalServerError),
        (ok(status=503), ServiceUnavailableError),
        (fail(httpx.ReadTimeout), APITimeoutError),
    ],
)
def test_a_buy_or_a_transfer_is_sent_once_whatever_fails(
    reply: SyncReply, error_class: type[Exception], api: FakeAPI, client: Agora
) -> None:
    api.script("GET", "/api/buy/cup", reply, ok())
    api.script("POST", "/api/sendCoin", reply, ok())

    with pytest.raises(error_class):
        client.merch.buy("cup")
    with pytest.raises(error_class):
        client.merch.send_coin(to_user="bob", amount=1)

    assert len(api.requests) == 2
    assert client.max_retries == 2  # the client's other calls keep their retries


def test_reading_and_signing_in_are_retried_as_any_call(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/api/auth", fail(httpx.ConnectError), ok({"token": "merch-jwt"}))
    api.script("GET", "/api/info", ok(status=503), ok(INFO))

    client.merch.auth(username="ada", password="pw")
    client.merch.info()

    assert len(api.requests) == 4


def test_a_merch_401_does_not_refresh_a_held_token(api: FakeAPI, client: Agora) -> None:
    client.refresh_token = "v1-refresh"
    api.script("GET", "/api/info", merch_error(401, "token expired"))
    api.script("POST", "/v1/auth/refresh", ok(tokens_json(1)))

    with pytest.raises(AuthenticationError):
        client.merch.info()

    assert api.sent("POST", "/v1/auth/refresh") == []


def test_per_call_options_reach_the_request(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/api/info", ok(INFO))

    client.merch.info(extra_headers={"X-Trace": "abc"}, extra_query={"debug": "1"}, timeout=3)

    request = api.requests[0]
    assert (request.headers["X-Trace"], request.url.params["debug"]) == ("abc", "1")
    assert request.extensions["timeout"]["read"] == 3


def test_raw_responses_cover_the_merch_calls(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/api/buy/cup", ok(headers={"X-Request-Id": "req-7"}))

    raw = client.merch.with_raw_response.buy("cup")

    assert (raw.status_code, raw.request_id, raw.parse()) == (200, "req-7", None)


async def test_the_async_client_has_the_same_merch_calls(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("POST", "/api/auth", ok({"token": "merch-jwt"}))
    api.script("GET", "/api/info", ok(INFO))
    api.script("POST", "/api/sendCoin", merch_error(500, "failed"), ok())
    api.script("GET", "/api/buy/spaceship", merch_error(400, "there is no item 'spaceship'"))

    await aclient.merch.auth(username="ada", password="pw")
    info = await aclient.merch.info()
    with pytest.raises(InternalServerError):
        await aclient.merch.send_coin(to_user="bob", amount=1)
    with pytest.raises(BadRequestError, match="there is no item 'spaceship'"):
        await aclient.merch.buy("spaceship")
    raw = await aclient.merch.with_raw_response.info()

    assert aclient.access_token == "merch-jwt"
    assert info.to_dict() == INFO
    assert len(api.sent("POST", "/api/sendCoin")) == 1
    assert raw.parse().to_dict() == INFO
    assert all("Idempotency-Key" not in request.headers for request in api.requests)
