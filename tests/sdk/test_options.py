"""Per-call options and `with_options`: a copy with other defaults that shares the pool and the held tokens."""

from __future__ import annotations

import httpx
import pytest

from agora_sdk import Agora, AsyncAgora, InvalidArgumentError, ServiceUnavailableError
from tests.sdk.fakes import BASE_URL, FakeAPI, bearer, ok, problem, tokens_json, user_json

FIRST, SECOND = tokens_json(1), tokens_json(2)


def test_with_options_changes_the_copys_defaults_only(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/users/me", problem(503, "unavailable"), ok(user_json()))
    patient = client.with_options(timeout=1.5, max_retries=0)

    with pytest.raises(ServiceUnavailableError):
        patient.identity.me()
    assert api.requests[0].extensions["timeout"] == httpx.Timeout(1.5).as_dict()

    api.requests.clear()
    client.identity.me()  # the original still retries, with its own timeout
    assert len(api.requests) == 1
    assert api.requests[0].extensions["timeout"] == client.timeout.as_dict() != httpx.Timeout(1.5).as_dict()
    assert (patient.max_retries, client.max_retries) == (0, 2)


def test_a_per_call_timeout_wins_over_the_clients(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/users/me", ok(user_json()))

    client.with_options(timeout=9).identity.me(timeout=httpx.Timeout(2.0, connect=1.0))

    assert api.requests[0].extensions["timeout"] == httpx.Timeout(2.0, connect=1.0).as_dict()


def test_the_copy_and_the_original_hold_one_token_pair(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/auth/login", ok(FIRST))
    api.script("POST", "/v1/auth/refresh", ok(SECOND))
    api.script("GET", "/v1/users/me", ok(user_json()))
    copy = client.with_options(max_retries=5)

    copy.identity.login(username="ada", password="correct horse")
    client.identity.me()
    client.identity.refresh()
    copy.identity.me()

    [first_me, second_me] = api.sent("GET", "/v1/users/me")
    assert bearer(first_me) == f"Bearer {FIRST['access_token']}"
    assert bearer(second_me) == f"Bearer {SECOND['access_token']}"
    assert copy.refresh_token == client.refresh_token == SECOND["refresh_token"]


def test_closing_a_copy_leaves_the_shared_pool_open() -> None:
    api = FakeAPI()
    api.script("GET", "/v1/users/me", ok(user_json()))
    client = Agora(base_url=BASE_URL)
    client._http = httpx.Client(transport=api.transport())

    client.with_options(timeout=1).close()
    client.identity.me()  # the pool the copy shared is still open

    client.close()
    assert client._http.is_closed


def test_negative_max_retries_are_refused_for_a_copy(client: Agora) -> None:
    with pytest.raises(InvalidArgumentError, match="max_retries"):
        client.with_options(max_retries=-1)


async def test_an_async_copy_shares_the_tokens(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("POST", "/v1/auth/login", ok(FIRST))
    api.script("GET", "/v1/users/me", ok(user_json()))

    await aclient.with_options(timeout=3).identity.login(username="ada", password="correct horse")
    await aclient.identity.me()

    [me] = api.sent("GET", "/v1/users/me")
    assert bearer(me) == f"Bearer {FIRST['access_token']}"
