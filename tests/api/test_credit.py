"""Credit through the REST edge of the embedded platform: apply, be assessed, decide, repay as the clock moves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.platform.settings import Settings
from tests.api.conftest import bearer
from tests.conftest import embedded_settings
from tests.support import read_until as until

USD = "USD"
CASH = {
    "code": "CASH",
    "purpose": "CONSUMER",
    "currency": USD,
    "min_amount": 10_000,
    "max_amount": 10_000_000,
    "min_term_months": 3,
    "max_term_months": 60,
    "rate_min": "10",
    "rate_max": "20",
}
PROFILE = {
    "currency": USD,
    "annual_income": 6_000_000,
    "monthly_debt": 50_000,
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
    return embedded_settings(
        tmp_path,
        credit_clock_file=tmp_path / "clock",
        credit_collection_sweep_seconds=0.02,
        credit_offer_expiry_sweep_seconds=0.02,
        credit_report_sweep_seconds=0.05,
    )


@pytest.fixture
def clock(settings: Settings) -> Clock:
    assert settings.credit_clock_file is not None
    return Clock(settings.credit_clock_file)


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


@pytest.fixture
async def product(api: httpx.AsyncClient, admin: dict[str, str]) -> Any:
    return ok(await api.post("/v1/credit/products", json=CASH, headers=admin), 201)


async def assessed(api: httpx.AsyncClient, who: dict[str, str], application_id: str) -> Any:
    async def read() -> Any:
        return ok(await api.get(f"/v1/credit/applications/{application_id}", headers=who))

    return await until(read, lambda a: "assessment" in a, "the assessment")


async def apply(api: httpx.AsyncClient, who: dict[str, str], loan: dict[str, Any] = LOAN) -> Any:
    ok(await api.put("/v1/credit/profile", json=PROFILE, headers=who))
    created = ok(await api.post("/v1/credit/applications", json=loan, headers=who), 201)
    assert (created["status"], created["revision"], "assessment" in created) == ("REVIEWING", 1, False)
    return await assessed(api, who, created["id"])


async def offers(api: httpx.AsyncClient, who: dict[str, str], application_id: str) -> Any:
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


def completed(number: int) -> Callable[[Any], bool]:
    return lambda loan: loan["payments"][number - 1]["status"] == "COMPLETED"


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

    active = await loan_when(api, customer, loan["id"], lambda loan: loan["status"] == "ACTIVE", "the disbursal")
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
            completed(number),
            f"instalment {number} collected",
        )
    closed = await loan_when(api, customer, loan["id"], lambda loan: loan["status"] == "CLOSED", "the loan closing")
    assert closed["outstanding"]["amount"] == 0
    assert len({p["external_reference"] for p in closed["payments"]}) == 12
    assert await balance(api, customer) == before

    async def told() -> Any:
        return ok(await api.get("/v1/notifications?limit=100", headers=customer))["items"]

    told_all = await until(told, lambda items: any(n["data"].get("status") == "CLOSED" for n in items), "the news")
    news = [(n["kind"], n["data"].get("status")) for n in told_all if n["kind"] != "welcome"]
    assert news[:4] == [
        ("credit_assessment", "REVIEWING"),
        ("credit_offer", "PROPOSED"),
        ("credit_offer", "ACCEPTED"),
        ("loan_status", "ACTIVE"),
    ]
    assert news.count(("loan_payment", "DUE")) == news.count(("loan_payment", "COMPLETED")) == 12
    assert news[-1] == ("loan_status", "CLOSED")


async def test_a_hard_stop_rejects_the_application_with_its_reason_and_no_offer(
    api: httpx.AsyncClient, customer: dict[str, str], product: dict[str, Any]
):
    ok(await api.put("/v1/credit/profile", json={**PROFILE, "employment_status": "UNEMPLOYED"}, headers=customer))
    created = ok(await api.post("/v1/credit/applications", json=LOAN, headers=customer), 201)

    async def read() -> Any:
        return ok(await api.get(f"/v1/credit/applications/{created['id']}", headers=customer))

    rejected = await until(read, lambda a: a["status"] == "REJECTED", "the rejection")
    assessment = rejected["assessment"]
    assert (assessment["score"], assessment["risk"], assessment["approved"]) == (0, "HIGH", False)
    assert assessment["hard_stop"] == assessment["reasons"][0] == "Unemployed applicants cannot be approved"
    assert await offers(api, customer, created["id"]) == []
    assert "current_offer_id" not in rejected
    refused = await api.patch(
        f"/v1/credit/applications/{created['id']}", json={"amount": LOAN["amount"], "term_months": 24}, headers=customer
    )
    assert (refused.status_code, refused.json()["code"]) == (409, "application_decided")


async def test_an_update_expires_the_proposal_and_is_assessed_again(
    api: httpx.AsyncClient, customer: dict[str, str], product: dict[str, Any]
):
    application = await apply(api, customer)
    [first] = await offers(api, customer, application["id"])

    updated = ok(
        await api.patch(
            f"/v1/credit/applications/{application['id']}",
            json={"amount": {"amount": 2_000_000, "currency": USD}, "term_months": 24},
            headers=customer,
        )
    )
    assert (updated["status"], updated["revision"], "assessment" in updated) == ("REVIEWING", 2, False)
    again = await assessed(api, customer, application["id"])
    assert again["assessment"]["revision"] == 2
    newest, oldest = await offers(api, customer, application["id"])
    assert (oldest["id"], oldest["status"]) == (first["id"], "EXPIRED")
    assert (newest["status"], newest["amount"]["amount"], newest["term_months"]) == ("PROPOSED", 2_000_000, 24)
    assert again["current_offer_id"] == newest["id"]
    expired = await api.post(
        f"/v1/credit/offers/{first['id']}/decision", json={"decision": "ACCEPTED"}, headers=customer
    )
    assert (expired.status_code, expired.json()["code"]) == (409, "offer_expired")


async def test_a_withdrawn_application_cancels_its_offers(
    api: httpx.AsyncClient, customer: dict[str, str], product: dict[str, Any]
):
    application = await apply(api, customer)

    assert (await api.delete(f"/v1/credit/applications/{application['id']}", headers=customer)).status_code == 204

    withdrawn = ok(await api.get(f"/v1/credit/applications/{application['id']}", headers=customer))
    assert (withdrawn["active"], "current_offer_id" in withdrawn) == (False, False)
    assert [o["status"] for o in await offers(api, customer, application["id"])] == ["CANCELED"]
    assert (await api.delete(f"/v1/credit/applications/{application['id']}", headers=customer)).status_code == 204


async def test_an_offer_past_its_expiry_cannot_be_accepted_and_becomes_expired(
    api: httpx.AsyncClient, customer: dict[str, str], product: dict[str, Any], clock: Clock
):
    application = await apply(api, customer)
    [offer] = await offers(api, customer, application["id"])
    clock.set(datetime.fromisoformat(offer["expires_at"]) + timedelta(seconds=1))

    [seen] = await offers(api, customer, application["id"])
    assert seen["status"] == "EXPIRED"
    refused = await api.post(
        f"/v1/credit/offers/{offer['id']}/decision", json={"decision": "ACCEPTED"}, headers=customer
    )
    assert (refused.status_code, refused.json()["code"]) == (409, "offer_expired")
    assert (await api.get("/v1/credit/loans", headers=customer)).json() == {"items": []}


async def test_the_sweep_expires_a_proposal_past_its_expiry_and_tells_the_borrower(
    api: httpx.AsyncClient, customer: dict[str, str], product: dict[str, Any], clock: Clock
):
    application = await apply(api, customer)
    [offer] = await offers(api, customer, application["id"])
    clock.set(datetime.fromisoformat(offer["expires_at"]) + timedelta(seconds=1))

    async def offer_notifications() -> list[Any]:
        items = ok(await api.get("/v1/notifications?limit=100", headers=customer))["items"]
        return [n["data"]["status"] for n in items if n["kind"] == "credit_offer"]

    assert "EXPIRED" in await until(offer_notifications, lambda statuses: "EXPIRED" in statuses, "the expiry")
    refused = await api.post(
        f"/v1/credit/offers/{offer['id']}/decision", json={"decision": "ACCEPTED"}, headers=customer
    )
    assert (refused.status_code, refused.json()["code"]) == (409, "offer_expired")
    [seen] = await offers(api, customer, application["id"])
    assert seen["status"] == "EXPIRED"


async def test_a_rejected_offer_changes_only_the_offer(
    api: httpx.AsyncClient, customer: dict[str, str], product: dict[str, Any]
):
    application = await apply(api, customer)
    [offer] = await offers(api, customer, application["id"])

    decided = ok(
        await api.post(f"/v1/credit/offers/{offer['id']}/decision", json={"decision": "REJECTED"}, headers=customer)
    )

    assert (decided["offer"]["status"], "loan" in decided) == ("REJECTED", False)
    after = ok(await api.get(f"/v1/credit/applications/{application['id']}", headers=customer))
    assert (after["status"], after["active"], "current_offer_id" in after) == ("REVIEWING", True, False)


async def spent_loan(
    api: httpx.AsyncClient, admin: dict[str, str], customer: dict[str, str]
) -> tuple[dict[str, Any], str]:
    """A three-month loan paid in, then spent (charged away): nothing is left for the first instalment. Returns the
    active loan and the borrower's id."""
    application = await apply(api, customer, {**LOAN, "term_months": 3})
    [offer] = await offers(api, customer, application["id"])
    loan = ok(
        await api.post(f"/v1/credit/offers/{offer['id']}/decision", json={"decision": "ACCEPTED"}, headers=customer)
    )["loan"]
    active = await loan_when(api, customer, loan["id"], lambda loan: loan["status"] == "ACTIVE", "the disbursal")
    me: str = ok(await api.get("/v1/users/me", headers=customer))["id"]
    ok(await api.post("/v1/wallet/charges", json={"user_id": me, "amount": LOAN["amount"], "reference": "car"},
                      headers=admin), 201)  # fmt: skip
    return active, me


async def test_an_instalment_without_the_money_is_delayed_then_collected_once_there_is(
    api: httpx.AsyncClient,
    admin: dict[str, str],
    customer: dict[str, str],
    product: dict[str, Any],
    clock: Clock,
):
    active, me = await spent_loan(api, admin, customer)
    first = active["payments"][0]
    clock.to(first["due_on"])

    delayed = await loan_when(
        api, customer, active["id"], lambda loan: loan["payments"][0]["status"] == "DELAYED", "the delay"
    )
    assert (delayed["payments"][0]["attempts"], delayed["outstanding"]["amount"]) == (1, 1_000_000)
    top_up = {"user_id": me, "amount": {"amount": first["amount"]["amount"], "currency": USD}}
    ok(await api.post("/v1/wallet/top-ups", json=top_up, headers=admin), 201)
    clock.set(clock.now + timedelta(days=1, seconds=1))  # the retry is a day later

    paid = await loan_when(
        api, customer, active["id"], lambda loan: loan["payments"][0]["status"] == "COMPLETED", "the retry"
    )
    assert paid["payments"][0]["attempts"] == 2
    assert paid["payments"][1]["status"] == "PLANNED"
    assert await balance(api, customer) == 0


async def test_an_instalment_still_refused_30_days_past_due_fails_and_an_early_repayment_settles_it(
    api: httpx.AsyncClient, admin: dict[str, str], customer: dict[str, str], product: dict[str, Any], clock: Clock
):
    active, me = await spent_loan(api, admin, customer)
    first = active["payments"][0]
    clock.to(first["due_on"])
    await loan_when(api, customer, active["id"], lambda loan: loan["payments"][0]["status"] == "DELAYED", "the delay")

    clock.to((date.fromisoformat(first["due_on"]) + timedelta(days=30)).isoformat())
    failed = await loan_when(
        api, customer, active["id"], lambda loan: loan["payments"][0]["status"] == "FAILED", "the failure"
    )
    assert (failed["status"], failed["payments"][0]["attempts"]) == ("ACTIVE", 2)
    clock.to(active["payments"][1]["due_on"])  # the sweep collects the next one; the failed one is not tried again
    later = await loan_when(
        api, customer, active["id"], lambda loan: loan["payments"][1]["status"] == "DELAYED", "the second's delay"
    )
    assert later["payments"][0] == failed["payments"][0]

    async def payment_statuses() -> list[Any]:
        items = ok(await api.get("/v1/notifications?limit=100", headers=customer))["items"]
        return [n["data"]["status"] for n in items if n["kind"] == "loan_payment"]

    await until(payment_statuses, lambda statuses: "FAILED" in statuses, "the failure's notification")
    top_up = {"user_id": me, "amount": {"amount": 1_000_000, "currency": USD}}
    ok(await api.post("/v1/wallet/top-ups", json=top_up, headers=admin), 201)
    ok(await api.post(f"/v1/credit/loans/{active['id']}/repayment", headers=customer))
    closed = await loan_when(api, customer, active["id"], lambda loan: loan["status"] == "CLOSED", "the repayment")
    assert [p["status"] for p in closed["payments"]] == ["CANCELED", "CANCELED", "CANCELED", "COMPLETED"]
    assert closed["outstanding"]["amount"] == 0


async def test_an_application_in_another_currency_than_the_profile_is_a_conflict(
    api: httpx.AsyncClient, customer: dict[str, str], product: dict[str, Any]
):
    ok(await api.put("/v1/credit/profile", json={**PROFILE, "currency": "EUR"}, headers=customer))
    refused = await api.post("/v1/credit/applications", json=LOAN, headers=customer)
    assert (refused.status_code, refused.json()["code"]) == (409, "currency_mismatch")


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("/v1/credit/applications", LOAN, 404, "profile_not_found"),
        ("/v1/credit/products", CASH, 403, "admin_required"),
    ],
)
async def test_refusals_carry_their_codes(
    api: httpx.AsyncClient, customer: dict[str, str], path: str, body: dict[str, Any], status: int, code: str
):
    refused = await api.post(path, json=body, headers=customer)
    assert (refused.status_code, refused.json()["code"]) == (status, code)


async def test_an_application_no_product_takes_is_not_found(
    api: httpx.AsyncClient, customer: dict[str, str], product: dict[str, Any]
):
    ok(await api.put("/v1/credit/profile", json=PROFILE, headers=customer))
    for loan in (
        {**LOAN, "purpose": "AUTO"},
        {**LOAN, "term_months": 120},
        {**LOAN, "amount": {"amount": 1, "currency": USD}},
    ):
        refused = await api.post("/v1/credit/applications", json=loan, headers=customer)
        assert (refused.status_code, refused.json()["code"]) == (404, "no_suitable_product")
    assert ok(await api.get("/v1/credit/applications", headers=customer)) == {"items": []}


@pytest.mark.parametrize(
    "profile",
    [
        {**PROFILE, "birth_date": "2015-01-01"},
        {**PROFILE, "birth_date": "1920-01-01"},
        {**PROFILE, "annual_income": -1},
        {**PROFILE, "employment_status": "RETIRED"},
    ],
)
async def test_a_profile_outside_the_rules_is_refused_and_changes_nothing(
    api: httpx.AsyncClient, customer: dict[str, str], profile: dict[str, Any]
):
    refused = await api.put("/v1/credit/profile", json=profile, headers=customer)
    assert (refused.status_code, refused.json()["code"]) == (422, "validation_failed")
    assert (await api.get("/v1/credit/profile", headers=customer)).json()["code"] == "profile_not_found"


async def test_admins_manage_products_and_see_any_profile(
    api: httpx.AsyncClient, admin: dict[str, str], customer: dict[str, str], product: dict[str, Any]
):
    taken = await api.post("/v1/credit/products", json=CASH, headers=admin)
    assert (taken.status_code, taken.json()["code"]) == (409, "product_exists")
    bad = await api.post("/v1/credit/products", json={**CASH, "code": "X", "rate_min": "30"}, headers=admin)
    assert (bad.status_code, bad.json()["code"]) == (422, "validation_failed")
    updated = ok(await api.put(f"/v1/credit/products/{product['id']}", json={**CASH, "active": False}, headers=admin))
    assert updated["active"] is False
    assert ok(await api.get("/v1/credit/products", headers=customer)) == {"items": []}
    listed = ok(await api.get("/v1/credit/products?include_inactive=true", headers=admin))
    assert [p["id"] for p in listed["items"]] == [product["id"]]
    assert (await api.delete(f"/v1/credit/products/{product['id']}", headers=admin)).status_code == 204
    gone = await api.get(f"/v1/credit/products/{product['id']}", headers=admin)
    assert (gone.status_code, gone.json()["code"]) == (404, "credit_product_not_found")

    mine = ok(await api.put("/v1/credit/profile", json=PROFILE, headers=customer))
    seen = ok(await api.get(f"/v1/credit/profiles/{mine['user_id']}", headers=admin))
    assert seen == mine
    peeking = await api.get(f"/v1/credit/profiles/{seen['user_id']}", headers=customer)
    assert peeking.status_code == 200  # one's own, by id
    other = await api.get(f"/v1/credit/profiles/{updated['id']}", headers=customer)
    assert (other.status_code, other.json()["code"]) == (403, "admin_required")


async def test_the_audit_counts_requests_results_and_offers_and_reports_them_as_pdf_and_csv(
    api: httpx.AsyncClient, admin: dict[str, str], customer: dict[str, str], product: dict[str, Any], clock: Clock
):
    approved = await apply(api, customer)
    response = await api.post("/v1/auth/register", json={"username": "jobless", "password": "jobless-password"})
    assert response.status_code == 201
    jobless = await bearer(api, "jobless", "jobless-password")
    ok(await api.put("/v1/credit/profile", json={**PROFILE, "employment_status": "UNEMPLOYED"}, headers=jobless))
    rejected = ok(await api.post("/v1/credit/applications", json={**LOAN, "term_months": 24}, headers=jobless), 201)
    await assessed(api, jobless, rejected["id"])
    today = datetime.now(UTC).date().isoformat()
    query = f"/v1/credit/statistics?from={today}&to={today}&currency=USD"

    async def read() -> Any:
        return ok(await api.get(query, headers=admin))

    figures = await until(read, lambda f: f["offers"]["count"] == 1 and f["results"]["count"] == 2, "the record")
    assert (figures["requests"]["count"], figures["requests"]["average_term_months"]) == (2, 18)
    assert figures["requests"]["amount"] == {
        "count": 2,
        "average": 1_000_000,
        "minimum": 1_000_000,
        "maximum": 1_000_000,
    }
    assert figures["requests"]["by_employment"] == [{"key": "EMPLOYED", "count": 1}, {"key": "UNEMPLOYED", "count": 1}]
    assert (figures["results"]["approved"], figures["results"]["approval_rate"]) == (1, 0.5)
    assert figures["results"]["by_risk"] == [{"key": "HIGH", "count": 1}, {"key": "LOW", "count": 1}]
    assert figures["results"]["by_rejection_reason"] == [
        {"key": "Unemployed applicants cannot be approved", "count": 1}
    ]
    assert figures["results"]["score"]["minimum"] == 0
    [offer] = await offers(api, customer, approved["id"])
    assert figures["offers"]["rate"]["average"] == float(offer["rate"]) * 100
    assert figures["offers"]["by_product"] == [{"key": "CASH v1", "count": 1}]
    assert figures["conversion"] == {"request_to_approval": 0.5, "approval_to_offer": 1.0, "request_to_offer": 0.5}
    refused = await api.get(query, headers=customer)
    assert (refused.status_code, refused.json()["code"]) == (403, "admin_required")
    backwards = await api.get(f"/v1/credit/statistics?from={today}&to=2000-01-01&currency=USD", headers=admin)
    assert (backwards.status_code, backwards.json()["code"]) == (422, "validation_failed")

    report = ok(await api.post("/v1/credit/reports", json={"from": today, "to": today, "currency": "USD"},
                               headers=admin), 201)  # fmt: skip
    assert (report["from"], report["to"], report["daily"]) == (today, today, False)
    pdf = await api.get(f"/v1/credit/reports/{report['id']}/pdf", headers=admin)
    assert (pdf.status_code, pdf.headers["content-type"]) == (200, "application/pdf")
    assert pdf_pages(pdf.content) >= 1
    csv_file = await api.get(f"/v1/credit/reports/{report['id']}/csv", headers=admin)
    rows = csv_file.text.splitlines()
    assert rows[0] == "from,to,currency,section,measure,value"
    assert f"{today},{today},USD,results,risk HIGH,1" in rows

    clock.set(datetime.now(UTC) + timedelta(days=1))  # today is over: the audit reports on it

    async def listed() -> Any:
        return ok(await api.get("/v1/credit/reports", headers=admin))["items"]

    reports = await until(listed, lambda items: any(r["daily"] for r in items), "the daily report")
    daily = next(r for r in reports if r["daily"])
    assert (daily["from"], daily["to"], daily["currency"]) == (today, today, "USD")
    assert len([r for r in await listed() if r["daily"]]) == 1  # made once
    missing = await api.get(f"/v1/credit/reports/{product['id']}/csv", headers=admin)
    assert (missing.status_code, missing.json()["code"]) == (404, "report_not_found")


def pdf_pages(content: bytes) -> int:
    """How many pages the PDF has, each rendered to an image with something drawn on it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    for page in document:
        image = page.render(scale=1).to_pil().convert("L")
        assert image.getextrema()[0] < 128, "a blank page"
    return len(document)


async def test_an_early_repayment_pays_the_principal_owed_and_closes_the_loan(
    api: httpx.AsyncClient, admin: dict[str, str], customer: dict[str, str], product: dict[str, Any], clock: Clock
):
    application = await apply(api, customer, {**LOAN, "term_months": 3})
    [offer] = await offers(api, customer, application["id"])
    decided = await api.post(
        f"/v1/credit/offers/{offer['id']}/decision", json={"decision": "ACCEPTED"}, headers=customer
    )
    loan = ok(decided)["loan"]
    active = await loan_when(api, customer, loan["id"], lambda loan: loan["status"] == "ACTIVE", "the disbursal")
    first = active["payments"][0]
    me = ok(await api.get("/v1/users/me", headers=customer))["id"]
    top_up = {"user_id": me, "amount": {"amount": first["interest"]["amount"], "currency": USD}}
    ok(await api.post("/v1/wallet/top-ups", json=top_up, headers=admin), 201)
    clock.to(first["due_on"])
    await loan_when(api, customer, loan["id"], completed(1), "the first instalment")

    planned = ok(await api.post(f"/v1/credit/loans/{loan['id']}/repayment", headers=customer))
    early = planned["payments"][-1]
    owed = 1_000_000 - first["principal"]["amount"]
    assert (early["early"], early["principal"]["amount"], early["interest"]["amount"]) == (True, owed, 0)

    closed = await loan_when(api, customer, loan["id"], lambda loan: loan["status"] == "CLOSED", "the repayment")
    assert [p["status"] for p in closed["payments"]] == ["COMPLETED", "CANCELED", "CANCELED", "COMPLETED"]
    repaid = [p for p in closed["payments"] if p["status"] == "COMPLETED"]
    assert sum(p["principal"]["amount"] for p in repaid) == 1_000_000
    assert await balance(api, customer) == 0
    again = await api.post(f"/v1/credit/loans/{loan['id']}/repayment", headers=customer)
    assert (again.status_code, again.json()["code"]) == (409, "loan_not_active")


async def test_an_early_repayment_without_the_money_is_cancelled_and_the_schedule_stands(
    api: httpx.AsyncClient, admin: dict[str, str], customer: dict[str, str], product: dict[str, Any]
):
    application = await apply(api, customer, {**LOAN, "term_months": 3})
    [offer] = await offers(api, customer, application["id"])
    decided = await api.post(
        f"/v1/credit/offers/{offer['id']}/decision", json={"decision": "ACCEPTED"}, headers=customer
    )
    loan = ok(decided)["loan"]
    await loan_when(api, customer, loan["id"], lambda loan: loan["status"] == "ACTIVE", "the disbursal")
    me = ok(await api.get("/v1/users/me", headers=customer))["id"]
    spend = {"user_id": me, "amount": {"amount": 500_000, "currency": USD}, "reference": "half of it"}
    ok(await api.post("/v1/wallet/charges", json=spend, headers=admin), 201)

    ok(await api.post(f"/v1/credit/loans/{loan['id']}/repayment", headers=customer))

    after = await loan_when(
        api, customer, loan["id"], lambda loan: loan["payments"][-1]["status"] == "CANCELED", "the refusal"
    )
    assert (after["status"], [p["status"] for p in after["payments"][:3]]) == ("ACTIVE", ["PLANNED"] * 3)
    assert after["outstanding"]["amount"] == 1_000_000
    assert await balance(api, customer) == 500_000
