"""Credit through the REST edge of the embedded platform: apply, be assessed, decide, repay as the clock moves."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.platform.settings import Settings
from tests.conftest import embedded_settings

USD = "USD"
CASH = {
    "code": "CASH",
    "purpose": "CONSUMER",
    "min_amount": {"amount": 10_000, "currency": USD},
    "max_amount": {"amount": 10_000_000, "currency": USD},
    "min_term_months": 3,
    "max_term_months": 60,
    "rate_min": "10",
    "rate_max": "20",
}
PROFILE = {
    "annual_income": {"amount": 6_000_000, "currency": USD},
    "monthly_debt": {"amount": 50_000, "currency": USD},
    "employment_status": "EMPLOYED",
    "birth_date": "1990-05-01",
}
LOAN = {"amount": {"amount": 1_000_000, "currency": USD}, "term_months": 12, "purpose": "CONSUMER"}


class Clock:
    """credit's clock, which the test moves on (the file credit reads the time from)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        self.set(self.now)

    def set(self, now: datetime) -> None:
        self.now = now
        self.path.write_text(now.isoformat())

    def to(self, day: str, hour: int = 12) -> None:
        self.set(datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC) + timedelta(hours=hour))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return embedded_settings(tmp_path, credit_clock_file=tmp_path / "clock", credit_collection_sweep_seconds=0.02)


@pytest.fixture
def clock(settings: Settings) -> Clock:
    assert settings.credit_clock_file is not None
    return Clock(settings.credit_clock_file)


async def until(read: Callable[[], Awaitable[Any]], done: Callable[[Any], bool], what: str) -> Any:
    """Reads until `done` holds of what was read; fails after 10 s."""
    for _ in range(500):
        value = await read()
        if done(value):
            return value
        await asyncio.sleep(0.02)
    raise AssertionError(f"{what} did not happen within 10 s: last read {value!r}")


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


@pytest.fixture
async def product(api: httpx.AsyncClient, admin: dict[str, str]) -> dict[str, Any]:
    return ok(await api.post("/v1/credit/products", json=CASH, headers=admin), 201)


async def assessed(api: httpx.AsyncClient, who: dict[str, str], application_id: str) -> dict[str, Any]:
    async def read() -> Any:
        return ok(await api.get(f"/v1/credit/applications/{application_id}", headers=who))

    return await until(read, lambda a: "assessment" in a, "the assessment")


async def apply(api: httpx.AsyncClient, who: dict[str, str], loan: dict[str, Any] = LOAN) -> dict[str, Any]:
    ok(await api.put("/v1/credit/profile", json=PROFILE, headers=who))
    created = ok(await api.post("/v1/credit/applications", json=loan, headers=who), 201)
    assert (created["status"], created["revision"], "assessment" in created) == ("REVIEWING", 1, False)
    return await assessed(api, who, created["id"])


async def offers(api: httpx.AsyncClient, who: dict[str, str], application_id: str) -> list[dict[str, Any]]:
    return ok(await api.get(f"/v1/credit/applications/{application_id}/offers", headers=who))["items"]


async def balance(api: httpx.AsyncClient, who: dict[str, str], currency: str = USD) -> int:
    items = ok(await api.get("/v1/wallet/balances", headers=who))["items"]
    return next((item["amount"] for item in items if item["currency"] == currency), 0)


async def loan_when(
    api: httpx.AsyncClient, who: dict[str, str], loan_id: str, done: Callable[[Any], bool], what: str
) -> Any:
    async def read() -> Any:
        return ok(await api.get(f"/v1/credit/loans/{loan_id}", headers=who))

    return await until(read, done, what)


async def test_a_borrower_applies_is_offered_accepts_is_paid_and_repays_as_the_clock_moves(
    api: httpx.AsyncClient, admin: dict[str, str], customer: dict[str, str], product: dict[str, Any], clock: Clock
):
    application = await apply(api, customer)
    assessment = application["assessment"]
    assert (assessment["risk"], assessment["approved"], assessment["revision"]) == ("LOW", True, 1)
    assert assessment["reasons"] == ["Excellent profile with low risk"]
    assert [f["name"] for f in assessment["factors"]] == [
        "age",
        "employment",
        "purpose",
        "history",
        "dsr",
        "lti",
        "behaviour",
    ]
    assert assessment["rules_version"]
    [offer] = await offers(api, customer, application["id"])
    assert application["current_offer_id"] == offer["id"]
    assert (offer["status"], offer["product_id"], offer["amount"]) == ("PROPOSED", product["id"], LOAN["amount"])
    assert 10 <= float(offer["rate"]) <= 20

    before = await balance(api, customer)
    decided = ok(
        await api.post(f"/v1/credit/offers/{offer['id']}/decision", json={"decision": "ACCEPTED"}, headers=customer)
    )
    assert decided["offer"]["status"] == "ACCEPTED"
    loan = decided["loan"]
    assert (loan["status"], len(loan["payments"]), loan["principal"]) == ("DISBURSING", 12, LOAN["amount"])
    assert sum(p["principal"]["amount"] for p in loan["payments"]) == 1_000_000

    active = await loan_when(api, customer, loan["id"], lambda l: l["status"] == "ACTIVE", "the disbursal")
    assert await balance(api, customer) == before + 1_000_000
    application = ok(await api.get(f"/v1/credit/applications/{application['id']}", headers=customer))
    assert application["status"] == "APPROVED"

    interest = sum(p["interest"]["amount"] for p in active["payments"])
    me = ok(await api.get("/v1/users/me", headers=customer))["id"]
    top_up = {"user_id": me, "amount": {"amount": interest, "currency": USD}}
    ok(await api.post("/v1/wallet/top-ups", json=top_up, headers=admin), 201)
    for payment in active["payments"]:
        clock.to(payment["due_on"])
        number = payment["number"]
        await loan_when(
            api,
            customer,
            loan["id"],
            lambda l, n=number: l["payments"][n - 1]["status"] == "COMPLETED",
            f"instalment {number} collected",
        )
    closed = await loan_when(api, customer, loan["id"], lambda l: l["status"] == "CLOSED", "the loan closing")
    assert closed["outstanding"]["amount"] == 0
    assert len({p["external_reference"] for p in closed["payments"]}) == 12
    assert await balance(api, customer) == before
