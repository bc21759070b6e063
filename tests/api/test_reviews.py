"""Reviews and the product-deletion saga on the embedded platform, through the REST edge."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.catalog.adapters.deletions import DeletionRepository
from services.platform.settings import Settings
from services.reviews.adapters.repository import ReviewRepository
from tests.api.test_orders import coins, place, settled, shopper
from tests.api.test_rest_edge import assert_problem
from tests.conftest import embedded_settings

PRICE = {"amount": 10, "currency": "COIN"}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Deletions are swept often; their deadline (30 s) passes only when a test says so (`past_deadlines`)."""
    return embedded_settings(tmp_path, product_deletion_sweep_seconds=0.05)


def past_deadlines(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on catalog's sweeper finds every pending deletion past its deadline, as if the timeout had run out."""
    due = DeletionRepository.due

    async def all_due(self: DeletionRepository, now: datetime, limit: int) -> list[uuid.UUID]:
        return await due(self, now + timedelta(days=1), limit)

    monkeypatch.setattr(DeletionRepository, "due", all_due)


async def new_product(api: httpx.AsyncClient, admin: dict[str, str]) -> str:
    body = {"name": f"Kettle {uuid.uuid4().hex[:6]}", "category": "kitchen", "price": PRICE, "stock": 10}
    created = await api.post("/v1/products", json=body, headers=admin)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def bought(api: httpx.AsyncClient, buyer: dict[str, str], product_id: str) -> dict[str, Any]:
    placed = await place(api, buyer, [{"product_id": product_id, "quantity": 1}])
    order = await settled(api, buyer, placed.json()["id"])
    assert order["status"] == "PAID", order
    return order


async def eventually(check: Any, what: str) -> None:
    for _ in range(300):
        if await check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{what} did not happen within 6 s")


async def review_allowed(api: httpx.AsyncClient, buyer: dict[str, str], product_id: str) -> dict[str, Any]:
    """Writes a review as soon as reviews heard of the purchase (it learns of it from orders' events)."""
    written: httpx.Response | None = None

    async def written_ok() -> bool:
        nonlocal written
        written = await api.put(
            f"/v1/products/{product_id}/reviews/mine", json={"rating": 4, "text": "Fine"}, headers=buyer
        )
        return written.status_code == 200

    await eventually(written_ok, "the purchase reaching reviews")
    assert written is not None
    return dict(written.json())


async def deletion_ended(api: httpx.AsyncClient, admin: dict[str, str], started: httpx.Response) -> dict[str, Any]:
    deletion: dict[str, Any] = {}

    async def ended() -> bool:
        nonlocal deletion
        deletion = (await api.get(f"/v1/product-deletions/{started.json()['id']}", headers=admin)).json()
        return bool(deletion["state"] != "pending")

    await eventually(ended, "the deletion ending")
    return deletion


async def test_only_buyers_review_once_each_and_the_rating_follows(
    api: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    product_id = await new_product(api, admin)
    ann, bob = await shopper(api, "ann"), await shopper(api, "bob")
    refused = await api.put(f"/v1/products/{product_id}/reviews/mine", json={"rating": 5}, headers=bob)
    assert (refused.status_code, refused.json()["code"]) == (403, "purchase_required")

    await bought(api, ann, product_id)
    first = await review_allowed(api, ann, product_id)
    edited = await api.put(f"/v1/products/{product_id}/reviews/mine", json={"rating": 2, "text": "Leaks"}, headers=ann)
    assert edited.status_code == 200
    assert (edited.json()["id"], edited.json()["rating"], edited.json()["text"]) == (first["id"], 2, "Leaks")
    assert edited.json()["created_at"] == first["created_at"]
    bad = await api.put(f"/v1/products/{product_id}/reviews/mine", json={"rating": 6}, headers=ann)
    assert bad.status_code == 422

    listed = (await api.get(f"/v1/products/{product_id}/reviews")).json()
    assert [(r["author_id"], r["rating"]) for r in listed["items"]] == [(first["author_id"], 2)]
    rating = (await api.get(f"/v1/products/{product_id}/rating")).json()
    assert rating == {"product_id": product_id, "count": 1, "average": 2.0}
    assert (await api.get(f"/v1/products/{product_id}/reviews/mine", headers=bob)).status_code == 404

    assert (await api.delete(f"/v1/products/{product_id}/reviews/mine", headers=ann)).status_code == 204
    assert (await api.get(f"/v1/products/{product_id}/rating")).json() == {"product_id": product_id, "count": 0}


async def test_a_cancelled_order_does_not_make_a_reviewer(api: httpx.AsyncClient, admin: dict[str, str]) -> None:
    product_id = await new_product(api, admin)
    cid = await shopper(api, "cid")
    order = await bought(api, cid, product_id)
    assert (await api.post(f"/v1/orders/{order['id']}/cancel", headers=cid)).status_code == 200
    assert (await settled(api, cid, order["id"]))["status"] == "CANCELLED"
    assert await coins(api, cid) == 1000

    async def refused() -> bool:
        answer = await api.put(f"/v1/products/{product_id}/reviews/mine", json={"rating": 5}, headers=cid)
        return answer.status_code == 403

    await eventually(refused, "the cancellation reaching reviews")


async def test_deleting_a_product_drops_every_reference_but_keeps_orders(
    api: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    product_id = await new_product(api, admin)
    dee = await shopper(api, "dee")
    order = await bought(api, dee, product_id)
    await review_allowed(api, dee, product_id)
    await api.put(f"/v1/cart/items/{product_id}", json={"quantity": 2}, headers=dee)
    await api.put(f"/v1/favourites/{product_id}", headers=dee)

    started = await api.delete(f"/v1/products/{product_id}", headers=admin)
    assert (started.status_code, started.json()["state"]) == (202, "pending")
    assert (await api.put(f"/v1/cart/items/{product_id}", json={"quantity": 1}, headers=dee)).status_code == 404
    deletion = await deletion_ended(api, admin, started)

    assert (deletion["state"], sorted(deletion["confirmed_by"])) == ("completed", ["customers", "reviews"])
    assert (await api.get(f"/v1/products/{product_id}")).status_code == 404
    assert (await api.get("/v1/cart", headers=dee)).json()["lines"] == []
    assert (await api.get("/v1/favourites", headers=dee)).json()["items"] == []
    for gone in ("", "/reviews", "/rating", "/reviews/mine"):
        assert_problem(await api.get(f"/v1/products/{product_id}{gone}", headers=dee), 404, "product_not_found")
    kept = (await api.get(f"/v1/orders/{order['id']}", headers=dee)).json()
    assert [line["product_id"] for line in kept["lines"]] == [product_id]


async def test_a_deletion_a_participant_never_confirms_is_undone(
    api: httpx.AsyncClient, admin: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    product_id = await new_product(api, admin)
    await api.patch(f"/v1/products/{product_id}", json={"status": "inactive"}, headers=admin)
    eve = await shopper(api, "eve")
    await api.put(f"/v1/favourites/{product_id}", headers=eve)

    async def broken(self: ReviewRepository, *_: object) -> None:
        raise RuntimeError("reviews' database is away")

    monkeypatch.setattr(ReviewRepository, "set_aside", broken)
    started = await api.delete(f"/v1/products/{product_id}", headers=admin)

    async def customers_confirmed() -> bool:
        deletion = (await api.get(f"/v1/product-deletions/{started.json()['id']}", headers=admin)).json()
        return bool(deletion["confirmed_by"] == ["customers"])

    await eventually(customers_confirmed, "customers confirming the deletion")
    past_deadlines(monkeypatch)  # reviews never will
    deletion = await deletion_ended(api, admin, started)

    assert deletion["state"] == "cancelled"
    assert deletion["confirmed_by"] == ["customers"]
    assert "reviews" in deletion["reason"]
    assert (await api.get(f"/v1/products/{product_id}")).json()["status"] == "inactive"

    async def favourite_back() -> bool:
        items = (await api.get("/v1/favourites", headers=eve)).json()["items"]
        return [item["product_id"] for item in items] == [product_id]

    await eventually(favourite_back, "customers restoring the favourite")
