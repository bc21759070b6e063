"""The async client's key behaviours: retries and idempotency keys, errors, tokens and refresh, pagination."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from agora_sdk import AsyncAgora, AuthenticationError, ConflictError, NotFoundError, ServiceUnavailableError
from agora_sdk.models import Price
from tests.sdk.fakes import (
    BASE_URL,
    PRODUCT_ID,
    FakeAPI,
    bearer,
    fail,
    json_body,
    ok,
    page_json,
    problem,
    product_json,
    tokens_json,
    user_json,
)

FIRST, SECOND = tokens_json(1), tokens_json(2)
PRICE = Price(amount=1200, currency="USD")


async def logged_in(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("POST", "/v1/auth/login", ok(FIRST))
    await aclient.identity.login(username="ada", password="correct horse")


async def test_a_post_is_retried_after_a_503_with_the_same_idempotency_key(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("POST", "/v1/products", problem(503, "unavailable"), fail(httpx.ConnectError), ok(product_json(), 201))

    await aclient.catalog.products.create(name="Mug", category="merch", price=PRICE)

    keys = {request.headers["Idempotency-Key"] for request in api.requests}
    assert len(api.requests) == 3
    assert len(keys) == 1


async def test_a_conflict_is_raised_without_a_retry(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("POST", "/v1/auth/register", problem(409, "username_taken", "that username is taken"))

    with pytest.raises(ConflictError) as caught:
        await aclient.identity.register(username="ada", password="correct horse")

    assert (caught.value.code, caught.value.detail) == ("username_taken", "that username is taken")
    assert len(api.requests) == 1


async def test_exhausted_retries_raise_service_unavailable(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("GET", f"/v1/products/{PRODUCT_ID}", problem(503, "unavailable"))

    with pytest.raises(ServiceUnavailableError):
        await aclient.catalog.products.get(PRODUCT_ID)

    assert len(api.requests) == 3


async def test_a_404_maps_to_not_found(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("DELETE", f"/v1/products/{PRODUCT_ID}", problem(404, "product_not_found"))

    with pytest.raises(NotFoundError) as caught:
        await aclient.catalog.products.delete(PRODUCT_ID)

    assert caught.value.code == "product_not_found"


async def test_login_stores_the_pair_and_later_calls_send_the_bearer(api: FakeAPI, aclient: AsyncAgora) -> None:
    await logged_in(api, aclient)
    api.script("GET", "/v1/users/me", ok(user_json()))

    await aclient.identity.me()

    assert bearer(api.requests[0]) is None
    assert bearer(api.requests[1]) == f"Bearer {FIRST['access_token']}"


async def test_an_expired_token_is_refreshed_once_and_the_call_resent(api: FakeAPI, aclient: AsyncAgora) -> None:
    await logged_in(api, aclient)
    api.script("GET", "/v1/users/me", problem(401, "token_expired"), ok(user_json()))
    api.script("POST", "/v1/auth/refresh", ok(SECOND))

    await aclient.identity.me()

    _, expired, refresh, resent = api.requests
    assert bearer(expired) == f"Bearer {FIRST['access_token']}"
    assert json_body(refresh) == {"refresh_token": FIRST["refresh_token"]}
    assert bearer(resent) == f"Bearer {SECOND['access_token']}"
    assert aclient.refresh_token == SECOND["refresh_token"]


async def test_concurrent_calls_with_an_expired_token_share_one_refresh(api: FakeAPI, aclient: AsyncAgora) -> None:
    await logged_in(api, aclient)
    expired_calls = 0
    both_expired = asyncio.Event()

    async def me(request: httpx.Request) -> httpx.Response:
        nonlocal expired_calls
        if bearer(request) == f"Bearer {SECOND['access_token']}":
            return httpx.Response(200, json=user_json())
        expired_calls += 1
        if expired_calls == 2:
            both_expired.set()
        await both_expired.wait()
        return httpx.Response(401, json={"type": "t", "title": "t", "status": 401, "code": "token_expired"})

    api.script("GET", "/v1/users/me", me)
    api.script("POST", "/v1/auth/refresh", ok(SECOND))

    await asyncio.wait_for(asyncio.gather(aclient.identity.me(), aclient.identity.me()), timeout=5)

    # A second refresh would present a rotated refresh token, which revokes the whole log in.
    assert len(api.sent("POST", "/v1/auth/refresh")) == 1
    assert len(api.sent("GET", "/v1/users/me")) == 4


async def test_a_token_still_expired_after_the_refresh_is_raised(api: FakeAPI, aclient: AsyncAgora) -> None:
    await logged_in(api, aclient)
    api.script("GET", "/v1/users/me", problem(401, "token_expired"))
    api.script("POST", "/v1/auth/refresh", ok(SECOND))

    with pytest.raises(AuthenticationError):
        await aclient.identity.me()

    assert len(api.sent("POST", "/v1/auth/refresh")) == 1


async def test_logout_forgets_the_pair(api: FakeAPI, aclient: AsyncAgora) -> None:
    await logged_in(api, aclient)
    api.script("POST", "/v1/auth/logout", ok(status=204))

    await aclient.identity.logout()

    assert (aclient.access_token, aclient.refresh_token) == (None, None)


async def test_iter_follows_next_cursor_until_it_is_absent(api: FakeAPI, aclient: AsyncAgora) -> None:
    pages = {None: page_json(range(0, 2), "c1"), "c1": page_json(range(2, 3))}
    api.script("GET", "/v1/products", lambda request: httpx.Response(200, json=pages[request.url.params.get("cursor")]))

    products = [product async for product in aclient.catalog.products.iter(category="merch", page_size=2)]

    assert [str(product.id) for product in products] == [product_json(index)["id"] for index in range(3)]
    assert [request.url.params.get("cursor") for request in api.requests] == [None, "c1"]
    assert {request.url.params["limit"] for request in api.requests} == {"2"}


async def test_aclose_closes_only_a_client_it_created() -> None:
    owned = AsyncAgora(base_url=BASE_URL)
    given_http = httpx.AsyncClient()
    given = AsyncAgora(base_url=BASE_URL, http_client=given_http)

    async with owned, given:
        pass

    assert owned._http.is_closed
    assert not given_http.is_closed
    await given_http.aclose()
