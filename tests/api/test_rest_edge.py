"""The REST edge end to end in one process: happy paths, and every kind of bad input a client can send."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

from services.platform.settings import SERVICES

pytestmark = pytest.mark.both_topologies

PROBLEM = "application/problem+json"
LAMP = {"name": "Desk lamp", "category": "home", "price": {"amount": 2599, "currency": "EUR"}, "stock": 3}


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, object] = response.json()
    assert (body["status"], body["code"]) == (status, code)
    assert {"type", "title", "detail", "request_id"} <= body.keys()
    return body


async def product_names(api: httpx.AsyncClient) -> list[str]:
    names, cursor = [], None
    while True:
        page = (await api.get("/v1/products", params={"limit": 100, **({"cursor": cursor} if cursor else {})})).json()
        names += [p["name"] for p in page["items"]]
        if "next_cursor" not in page:
            return names
        cursor = page["next_cursor"]


async def test_register_log_in_and_read_me(api: httpx.AsyncClient):
    registered = await api.post("/v1/auth/register", json={"username": "zoe", "password": "zoe-password"})
    assert registered.status_code == 201
    tokens = (await api.post("/v1/auth/login", json={"username": "zoe", "password": "zoe-password"})).json()
    assert tokens["token_type"] == "Bearer"
    assert tokens["expires_in"] == 900
    me = await api.get("/v1/users/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.json() == registered.json()


async def test_refresh_rotation_and_reuse_through_rest(api: httpx.AsyncClient, customer: dict[str, str]):
    tokens = (await api.post("/v1/auth/login", json={"username": "customer", "password": "customer-password"})).json()
    rotated = await api.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert rotated.status_code == 200
    reused = await api.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert_problem(reused, 401, "refresh_token_reused")
    revoked = await api.post("/v1/auth/refresh", json={"refresh_token": rotated.json()["refresh_token"]})
    assert_problem(revoked, 401, "invalid_refresh_token")
    logout = await api.post("/v1/auth/logout", json={"refresh_token": rotated.json()["refresh_token"]})
    assert logout.status_code == 204
    assert logout.content == b""


async def test_admin_manages_products(api: httpx.AsyncClient, admin: dict[str, str]):
    created = await api.post("/v1/products", json=LAMP, headers=admin)
    assert created.status_code == 201
    product = created.json()
    assert product["status"] == "active"
    assert product["description"] == ""
    patched = await api.patch(f"/v1/products/{product['id']}", json={"stock": 0}, headers=admin)
    assert patched.json()["stock"] == 0
    assert patched.json()["name"] == "Desk lamp"
    assert (await api.get(f"/v1/products/{product['id']}")).json() == patched.json()
    deleting = await api.delete(f"/v1/products/{product['id']}", headers=admin)
    assert deleting.status_code == 202
    assert deleting.json()["state"] == "pending"
    for being_deleted in ("", "/reviews", "/rating"):
        assert_problem(await api.get(f"/v1/products/{product['id']}{being_deleted}"), 404, "product_not_found")
    changed = await api.patch(f"/v1/products/{product['id']}", json={"stock": 1}, headers=admin)
    assert changed.status_code in (404, 409), "refused while being deleted (409), or already removed (404)"
    for _ in range(300):
        deletion = (await api.get(f"/v1/product-deletions/{deleting.json()['id']}", headers=admin)).json()
        if deletion["state"] != "pending":
            break
        await asyncio.sleep(0.01)
    assert deletion["state"] == "completed", deletion
    assert sorted(deletion["confirmed_by"]) == ["customers", "reviews"]
    assert_problem(await api.get(f"/v1/products/{product['id']}"), 404, "product_not_found")
    unknown = await api.get(f"/v1/product-deletions/{uuid.uuid4()}", headers=admin)
    assert_problem(unknown, 404, "deletion_not_found")


async def test_listing_filters_by_category_and_pages(api: httpx.AsyncClient):
    first = (await api.get("/v1/products", params={"category": "merch", "limit": 4})).json()
    assert len(first["items"]) == 4
    rest = (await api.get("/v1/products", params={"category": "merch", "cursor": first["next_cursor"]})).json()
    assert len(rest["items"]) == 6
    assert "next_cursor" not in rest


async def test_an_idempotency_key_replays_the_first_creation(api: httpx.AsyncClient, admin: dict[str, str]):
    headers = {**admin, "Idempotency-Key": "create-lamp-1"}
    first = await api.post("/v1/products", json=LAMP, headers=headers)
    second = await api.post("/v1/products", json=LAMP, headers=headers)
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert (await product_names(api)).count("Desk lamp") == 1
    other = await api.post("/v1/products", json={**LAMP, "stock": 9}, headers=headers)
    assert_problem(other, 409, "idempotency_key_reused")


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b'{"name": "x", ', "application/json", 400, "malformed_json"),
        (b"", "application/json", 400, "malformed_json"),
        (b'{"name": "\\ud800"}', "application/json", 400, "malformed_json"),
        (b"name=x", "application/x-www-form-urlencoded", 400, "unsupported_media_type"),
        (b'{"name": 5, "category": "home", "price": {"amount": 1, "currency": "EUR"}}', "application/json", 422,
         "validation_failed"),
        (b'{"name": "' + b"x" * 201 + b'", "category": "home", "price": {"amount": 1, "currency": "EUR"}}',
         "application/json", 422, "validation_failed"),
        (b'{"name": "x", "category": "home", "price": {"amount": 1, "currency": "EUR"}, "sku": 1}',
         "application/json", 422, "validation_failed"),
        (b'{"name": "x", "category": "home", "price": {"amount": 0, "currency": "EUR"}}', "application/json", 422,
         "validation_failed"),
        (b'{"name": "x\\u0000", "category": "home", "price": {"amount": 1, "currency": "EUR"}}', "application/json",
         422, "validation_failed"),
        (b"[]", "application/json", 422, "validation_failed"),
    ],
)  # fmt: skip
async def test_bad_product_bodies_are_refused_and_change_nothing(
    api: httpx.AsyncClient, admin: dict[str, str], body: bytes, content_type: str, status: int, code: str
):
    before = await product_names(api)
    response = await api.post("/v1/products", content=body, headers={**admin, "Content-Type": content_type})
    problem = assert_problem(response, status, code)
    if status == 422 and body != b"[]":
        assert problem["errors"]
    assert await product_names(api) == before


async def test_an_empty_patch_is_refused(api: httpx.AsyncClient, admin: dict[str, str]):
    merch = (await api.get("/v1/products", params={"limit": 1})).json()["items"][0]
    assert_problem(await api.patch(f"/v1/products/{merch['id']}", json={}, headers=admin), 422, "validation_failed")


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "missing_token"),
        ({"Authorization": "Basic YTpi"}, "missing_token"),
        ({"Authorization": "Bearer not-a-jwt"}, "invalid_token"),
        ({"Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."}, "invalid_token"),
    ],
)
async def test_missing_or_bad_tokens_are_unauthorized(api: httpx.AsyncClient, headers: dict[str, str], code: str):
    response = await api.post("/v1/products", json=LAMP, headers=headers)
    assert_problem(response, 401, code)
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert_problem(await api.get("/v1/users/me", headers=headers), 401, code)
    assert "Desk lamp" not in await product_names(api)


async def test_customers_cannot_call_admin_operations(api: httpx.AsyncClient, customer: dict[str, str]):
    merch_id = (await api.get("/v1/products", params={"limit": 1})).json()["items"][0]["id"]
    assert_problem(await api.post("/v1/products", json=LAMP, headers=customer), 403, "admin_required")
    assert_problem(await api.patch(f"/v1/products/{merch_id}", json={"stock": 1}, headers=customer), 403,
                   "admin_required")  # fmt: skip
    assert_problem(await api.delete(f"/v1/products/{merch_id}", headers=customer), 403, "admin_required")
    assert (await api.get(f"/v1/products/{merch_id}")).json()["stock"] == 1_000_000_000


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/v1/products", {"limit": 0}, 422, "validation_failed"),
        ("/v1/products", {"limit": 101}, 422, "validation_failed"),
        ("/v1/products", {"limit": "ten"}, 422, "validation_failed"),
        ("/v1/products", {"category": "Not A Slug"}, 422, "validation_failed"),
        ("/v1/products", {"cursor": "AAAA"}, 422, "validation_failed"),
        ("/v1/products/not-a-uuid", {}, 422, "validation_failed"),
        (f"/v1/products/{uuid.uuid4()}", {}, 404, "product_not_found"),
        ("/v1/nowhere", {}, 404, "route_not_found"),
    ],
)
async def test_bad_queries_get_problems(api: httpx.AsyncClient, path: str, params: dict[str, str | int], status: int,
                                        code: str):  # fmt: skip
    assert_problem(await api.get(path, params=params), status, code)


async def test_duplicate_username_is_a_conflict(api: httpx.AsyncClient, customer: dict[str, str]):
    again = await api.post("/v1/auth/register", json={"username": "CUSTOMER", "password": "another-password"})
    assert_problem(again, 409, "username_taken")


async def test_operational_endpoints(api: httpx.AsyncClient):
    assert (await api.get("/healthz")).json() == {"status": "alive"}
    ready = (await api.get("/readyz")).json()
    assert ready == {
        "status": "ready",
        "checks": {**dict.fromkeys(SERVICES, True), "store": True, "bus": True},
    }
    contract = (await api.get("/openapi.json")).json()
    assert contract["openapi"] == "3.1.0"
    assert "/v1/products" in contract["paths"]
    keys = (await api.get("/.well-known/jwks.json")).json()["keys"]
    assert keys
    assert all(k["alg"] == "EdDSA" and k["crv"] == "Ed25519" and "d" not in k for k in keys)
    assert "swagger-ui" in (await api.get("/docs")).text
    assert (await api.get("/healthz", headers={"X-Request-Id": "trace-me-1"})).headers["x-request-id"] == "trace-me-1"
