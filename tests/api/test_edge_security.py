"""The gateway's edge as an attacker meets it: refusals that never echo what was sent, bodies too large stopped
before any service, the headers every response carries, and token responses no cache or replay keeps."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from services.embedded import embedded_app
from services.platform.settings import Settings

SECRET = "hunter2-" * 22  # 176 characters, beyond the contract's 128
LOGIN_MUTATION = "mutation($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken } }"


async def test_a_refused_value_is_described_never_repeated(api: httpx.AsyncClient):
    too_long = await api.post("/v1/auth/register", json={"username": "echo", "password": SECRET})
    huge = await api.post("/v1/auth/register", json={"username": "u" * 500_000, "password": "secret-password"})
    wrong_type = await api.post("/v1/auth/login", json={"username": "echo", "password": [SECRET]})

    assert too_long.status_code == 422
    assert too_long.json()["errors"] == [
        {"location": "body.password", "message": "must be at most 128 characters long"}
    ]
    assert huge.status_code == 422
    assert len(huge.content) < 1000
    assert wrong_type.json()["errors"] == [{"location": "body.password", "message": "must be of type string"}]
    assert SECRET not in too_long.text + wrong_type.text


async def test_a_body_beyond_the_limit_is_refused_before_any_service_reads_it(api: httpx.AsyncClient):
    body = b'{"username": "big", "password": "' + b"p" * (2 * 1024 * 1024) + b'"}'
    declared = await api.post("/v1/auth/register", content=body, headers={"Content-Type": "application/json"})
    merch = await api.post("/api/auth", content=body, headers={"Content-Type": "application/json"})

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]

    chunked = await api.post("/v1/auth/register", content=chunks(), headers={"Content-Type": "application/json"})

    for refused in (declared, chunked):
        assert refused.status_code == 413, refused.text
        assert refused.json()["code"] == "body_too_large"
    assert merch.status_code == 400  # the merch contract knows 400, 401 and 500 only
    assert merch.json() == {"errors": "the request body is larger than the 1048576 bytes read here"}
    # Nothing was registered: the name is still free.
    registered = await api.post("/v1/auth/register", json={"username": "big", "password": "big-password"})
    assert registered.status_code == 201


async def test_every_response_forbids_type_sniffing(api: httpx.AsyncClient):
    for response in (await api.get("/v1/products"), await api.get("/nowhere"), await api.get("/api/info")):
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("DELETE", "/v1/auth/login", "POST"), ("PUT", "/v1/products", "GET, POST"), ("POST", "/api/info", "GET")],
)
async def test_every_405_names_the_methods_the_path_serves(
    api: httpx.AsyncClient, method: str, path: str, allowed: str
):
    refused = await api.request(method, path)

    assert (refused.status_code, refused.headers["allow"]) == (405, allowed)


async def test_token_responses_are_never_stored_nor_replayed(api: httpx.AsyncClient, customer: dict[str, str]):
    credentials = {"username": "customer", "password": "customer-password"}
    key = {"Idempotency-Key": "log-in-once"}
    first = await api.post("/v1/auth/login", json=credentials, headers=key)
    second = await api.post("/v1/auth/login", json=credentials, headers=key)
    refreshed = await api.post("/v1/auth/refresh", json={"refresh_token": first.json()["refresh_token"]})
    merch = await api.post("/api/auth", json=credentials)

    for response in (first, second, refreshed, merch):
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "no-store"
    assert "idempotent-replayed" not in second.headers
    assert second.json()["refresh_token"] != first.json()["refresh_token"]


async def test_a_graphql_log_in_is_never_replayed(api: httpx.AsyncClient, customer: dict[str, str]):
    variables = {"input": {"username": "customer", "password": "customer-password"}}
    key = {"Idempotency-Key": "graphql-log-in-once"}
    body = {"query": LOGIN_MUTATION, "variables": variables}
    answers = [await api.post("/graphql", json=body, headers=key) for _ in range(2)]

    first, second = (answer.json()["data"]["logIn"]["refreshToken"] for answer in answers)
    assert first is not None
    assert first != second
    assert all(answer.headers["cache-control"] == "no-store" for answer in answers)
    assert all("idempotent-replayed" not in answer.headers for answer in answers)


async def test_anonymous_callers_share_no_idempotency_keys(api: httpx.AsyncClient):
    key = {"Idempotency-Key": "sign-up"}
    ann = await api.post("/v1/auth/register", json={"username": "ann", "password": "ann-password"}, headers=key)
    bob = await api.post("/v1/auth/register", json={"username": "bob", "password": "bob-password"}, headers=key)
    ann_again = await api.post("/v1/auth/register", json={"username": "ann", "password": "ann-password"}, headers=key)

    assert (ann.status_code, bob.status_code) == (201, 201)  # not 409 `idempotency_key_reused`: not one namespace
    assert ann_again.headers["idempotent-replayed"] == "true"
    assert ann_again.json() == ann.json()


async def test_browsers_of_other_origins_get_no_cors_grant_unless_configured(
    api: httpx.AsyncClient, settings: Settings
):
    preflight = {"Origin": "https://shop.example", "Access-Control-Request-Method": "POST"}
    default = await api.options("/v1/auth/login", headers=preflight)
    app = embedded_app(settings.model_copy(update={"gateway_cors_origins": ("https://shop.example",)}))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        granted = await client.options("/v1/auth/login", headers=preflight)
        stranger = await client.options("/v1/auth/login", headers={**preflight, "Origin": "https://evil.example"})

    assert "access-control-allow-origin" not in default.headers
    assert granted.headers["access-control-allow-origin"] == "https://shop.example"
    assert "access-control-allow-origin" not in stranger.headers
