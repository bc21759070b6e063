"""agora.v1's cart and favourites on the embedded platform, priced from the catalogue."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

MERCH = "/v1/products?category=merch&limit=100"


async def merch_ids(api: httpx.AsyncClient) -> dict[str, str]:
    return {product["name"]: product["id"] for product in (await api.get(MERCH)).json()["items"]}


async def set_item(api: httpx.AsyncClient, headers: dict[str, str], product_id: str, quantity: int) -> httpx.Response:
    return await api.put(f"/v1/cart/items/{product_id}", json={"quantity": quantity}, headers=headers)


def lines(cart: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(line["name"], line["quantity"], line["line_total"]["amount"]) for line in cart["lines"]]


async def test_a_cart_is_priced_from_the_catalogue(api: httpx.AsyncClient, customer: dict[str, str]) -> None:
    ids = await merch_ids(api)

    await set_item(api, customer, ids["cup"], 3)
    await set_item(api, customer, ids["pen"], 1)
    changed = await set_item(api, customer, ids["cup"], 2)
    cart = (await api.get("/v1/cart", headers=customer)).json()

    assert changed.status_code == 200, changed.text
    assert changed.json() == cart
    assert lines(cart) == [("cup", 2, 40), ("pen", 1, 10)]
    assert cart["totals"] == [{"amount": 50, "currency": "COIN"}]


async def test_a_product_off_sale_stays_in_the_cart_but_out_of_the_total(
    api: httpx.AsyncClient, admin: dict[str, str], customer: dict[str, str]
) -> None:
    created = await api.post(
        "/v1/products",
        json={"name": "Lamp", "category": "home", "price": {"amount": 2599, "currency": "EUR"}, "stock": 5},
        headers=admin,
    )
    lamp = created.json()["id"]
    await set_item(api, customer, lamp, 2)
    await set_item(api, customer, (await merch_ids(api))["cup"], 1)

    await api.patch(f"/v1/products/{lamp}", json={"status": "inactive"}, headers=admin)
    cart = (await api.get("/v1/cart", headers=customer)).json()

    assert [(line["name"], line["available"]) for line in cart["lines"]] == [("Lamp", False), ("cup", True)]
    assert cart["totals"] == [{"amount": 20, "currency": "COIN"}]
    refused = await set_item(api, customer, lamp, 3)
    assert (refused.status_code, refused.json()["code"]) == (404, "product_not_found")


async def test_removing_lines_and_unknown_products(api: httpx.AsyncClient, customer: dict[str, str]) -> None:
    cup = (await merch_ids(api))["cup"]
    await set_item(api, customer, cup, 1)

    removed = await api.delete(f"/v1/cart/items/{cup}", headers=customer)
    again = await api.delete(f"/v1/cart/items/{cup}", headers=customer)
    unknown = await set_item(api, customer, str(uuid.uuid4()), 1)
    too_many = await set_item(api, customer, cup, 1001)

    assert removed.json() == again.json() == {"lines": [], "totals": []}
    assert (unknown.status_code, unknown.json()["code"]) == (404, "product_not_found")
    assert too_many.status_code == 422
    assert (await api.get("/v1/cart", headers=customer)).json() == {"lines": [], "totals": []}


async def test_favourites_are_idempotent_and_paged(api: httpx.AsyncClient, customer: dict[str, str]) -> None:
    ids = sorted((await merch_ids(api)).values())

    first = await api.put(f"/v1/favourites/{ids[0]}", headers=customer)
    again = await api.put(f"/v1/favourites/{ids[0]}", headers=customer)
    for product_id in ids[1:5]:
        await api.put(f"/v1/favourites/{product_id}", headers=customer)
    removed = await api.delete(f"/v1/favourites/{ids[4]}", headers=customer)
    page = (await api.get("/v1/favourites?limit=3", headers=customer)).json()
    rest = (await api.get(f"/v1/favourites?limit=3&cursor={page['next_cursor']}", headers=customer)).json()

    assert first.status_code == again.status_code == 200
    assert first.json()["added_at"] == again.json()["added_at"]
    assert removed.status_code == 204
    assert [f["product_id"] for f in page["items"] + rest["items"]] == ids[:4]
    assert "next_cursor" not in rest


async def test_carts_are_private_and_need_a_token(api: httpx.AsyncClient, customer: dict[str, str]) -> None:
    await set_item(api, customer, (await merch_ids(api))["cup"], 1)
    other = await api.post("/v1/auth/register", json={"username": "other", "password": "other-password"})
    login = await api.post("/v1/auth/login", json={"username": "other", "password": "other-password"})
    assert other.status_code == 201

    theirs = await api.get("/v1/cart", headers={"Authorization": f"Bearer {login.json()['access_token']}"})
    anonymous = await api.get("/v1/cart")

    assert theirs.json() == {"lines": [], "totals": []}
    assert anonymous.status_code == 401
