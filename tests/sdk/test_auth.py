"""Tokens: login stores the pair, calls carry the bearer, and an expired access token is refreshed once."""

from __future__ import annotations

import httpx
import pytest

from agora_sdk import Agora, AgoraError, AuthenticationError
from agora_sdk.models import Price
from tests.sdk.fakes import (
    BASE_URL,
    FakeAPI,
    bearer,
    json_body,
    ok,
    problem,
    product_json,
    tokens_json,
    user_json,
)

FIRST, SECOND = tokens_json(1), tokens_json(2)


def expired_unless_second_token(request: httpx.Request) -> httpx.Response:
    if bearer(request) == f"Bearer {SECOND['access_token']}":
        return ok(user_json())(request)
    return problem(401, "token_expired", "the access token has expired")(request)


def logged_in(api: FakeAPI, client: Agora) -> Agora:
    api.script("POST", "/v1/auth/login", ok(FIRST))
    client.identity.login(username="ada", password="correct horse")
    return client


def test_login_stores_the_pair_and_later_calls_send_the_bearer(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/auth/login", ok(FIRST))
    api.script("GET", "/v1/users/me", ok(user_json()))

    tokens = client.identity.login(username="ada", password="correct horse")
    client.identity.me()

    login, me = api.requests
    assert bearer(login) is None
    assert json_body(login) == {"username": "ada", "password": "correct horse"}
    assert tokens.access_token == FIRST["access_token"]
    assert (client.access_token, client.refresh_token) == (FIRST["access_token"], FIRST["refresh_token"])
    assert bearer(me) == f"Bearer {FIRST['access_token']}"


def test_a_token_given_to_the_constructor_is_sent(api: FakeAPI) -> None:
    api.script("GET", "/v1/users/me", ok(user_json()))
    client = Agora(base_url=BASE_URL, access_token="given", http_client=httpx.Client(transport=api.transport()))

    client.identity.me()

    assert bearer(api.requests[0]) == "Bearer given"


def test_an_expired_token_is_refreshed_once_and_the_call_resent(api: FakeAPI, client: Agora) -> None:
    logged_in(api, client)
    api.script("GET", "/v1/users/me", expired_unless_second_token)
    api.script("POST", "/v1/auth/refresh", ok(SECOND))

    user = client.identity.me()

    assert user.username == "ada"
    _, expired, refresh, resent = api.requests
    assert bearer(expired) == f"Bearer {FIRST['access_token']}"
    assert (refresh.method, refresh.url.path) == ("POST", "/v1/auth/refresh")
    assert json_body(refresh) == {"refresh_token": FIRST["refresh_token"]}
    assert bearer(resent) == f"Bearer {SECOND['access_token']}"
    assert (client.access_token, client.refresh_token) == (SECOND["access_token"], SECOND["refresh_token"])


def test_a_mutation_resent_after_a_refresh_keeps_its_idempotency_key(api: FakeAPI, client: Agora) -> None:
    logged_in(api, client)
    api.script("POST", "/v1/products", problem(401, "token_expired"), ok(product_json(), 201))
    api.script("POST", "/v1/auth/refresh", ok(SECOND))

    client.catalog.products.create(name="Mug", category="merch", price=Price(amount=1, currency="USD"))

    expired, resent = api.sent("POST", "/v1/products")
    assert expired.headers["Idempotency-Key"] == resent.headers["Idempotency-Key"]
    [refresh] = api.sent("POST", "/v1/auth/refresh")
    assert refresh.headers["Idempotency-Key"] != expired.headers["Idempotency-Key"]


def test_a_token_still_expired_after_the_refresh_is_raised(api: FakeAPI, client: Agora) -> None:
    logged_in(api, client)
    api.script("GET", "/v1/users/me", problem(401, "token_expired"))
    api.script("POST", "/v1/auth/refresh", ok(SECOND))

    with pytest.raises(AuthenticationError) as caught:
        client.identity.me()

    assert caught.value.code == "token_expired"
    assert len(api.sent("POST", "/v1/auth/refresh")) == 1
    assert len(api.sent("GET", "/v1/users/me")) == 2


def test_no_refresh_without_a_refresh_token(api: FakeAPI) -> None:
    api.script("GET", "/v1/users/me", problem(401, "token_expired"))
    client = Agora(base_url=BASE_URL, access_token="only", http_client=httpx.Client(transport=api.transport()))

    with pytest.raises(AuthenticationError):
        client.identity.me()

    assert len(api.requests) == 1


def test_other_401s_are_not_refreshed(api: FakeAPI, client: Agora) -> None:
    logged_in(api, client)
    api.script("GET", "/v1/users/me", problem(401, "invalid_token"))

    with pytest.raises(AuthenticationError) as caught:
        client.identity.me()

    assert caught.value.code == "invalid_token"
    assert api.sent("POST", "/v1/auth/refresh") == []


def test_a_failed_refresh_is_raised_and_not_retried(api: FakeAPI, client: Agora) -> None:
    logged_in(api, client)
    api.script("GET", "/v1/users/me", problem(401, "token_expired"))
    api.script("POST", "/v1/auth/refresh", problem(401, "refresh_token_revoked"))

    with pytest.raises(AuthenticationError) as caught:
        client.identity.me()

    assert caught.value.code == "refresh_token_revoked"
    assert len(api.sent("POST", "/v1/auth/refresh")) == 1


def test_refresh_rotates_the_held_token_and_holds_the_new_pair(api: FakeAPI, client: Agora) -> None:
    logged_in(api, client)
    api.script("POST", "/v1/auth/refresh", ok(SECOND))

    client.identity.refresh()

    assert json_body(api.requests[-1]) == {"refresh_token": FIRST["refresh_token"]}
    assert client.refresh_token == SECOND["refresh_token"]


def test_refresh_without_any_refresh_token_sends_nothing(api: FakeAPI, client: Agora) -> None:
    with pytest.raises(AgoraError, match="no refresh token"):
        client.identity.refresh()
    assert api.requests == []


def test_logout_revokes_the_held_token_and_forgets_the_pair(api: FakeAPI, client: Agora) -> None:
    logged_in(api, client)
    api.script("POST", "/v1/auth/logout", ok(status=204))

    client.identity.logout()

    assert json_body(api.requests[-1]) == {"refresh_token": FIRST["refresh_token"]}
    assert (client.access_token, client.refresh_token) == (None, None)


def test_logout_of_another_token_keeps_the_held_pair(api: FakeAPI, client: Agora) -> None:
    logged_in(api, client)
    api.script("POST", "/v1/auth/logout", ok(status=204))

    client.identity.logout(SECOND["refresh_token"])

    assert json_body(api.requests[-1]) == {"refresh_token": SECOND["refresh_token"]}
    assert client.refresh_token == FIRST["refresh_token"]
