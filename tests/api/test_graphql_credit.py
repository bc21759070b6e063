"""Credit over /graphql on a live port: apply, follow the assessment and the offers live, accept, see the loan; the
refusals as userErrors."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.embedded import embedded_app
from tests.api.conftest import ADMIN, create_admin
from tests.api.graphql import codes, graphql
from tests.api.test_graphql_loading import calls
from tests.api.test_graphql_subscriptions import connect, next_data, subscribe
from tests.conftest import embedded_settings
from tests.support import LiveServer, live_server
from tests.support import read_until as until

__all__ = ["calls", "connect"]  # the fixtures, used by the tests here

PROFILE = """
mutation($input: SetCreditProfileInput!) {
  setCreditProfile(input: $input) { profile { annualIncome { amount currency } birthDate } userErrors { field code } }
}"""
APPLY = """
mutation($input: ApplyForCreditInput!) {
  applyForCredit(input: $input) { application { id status revision } userErrors { field code message } }
}"""
APPLICATION = """
query($id: ID!) {
  creditApplication(id: $id) {
    id status revision active
    assessment { score risk approved reasons hardStop rulesVersion factors { name points weight contribution } }
    offers { id status rate effectiveRate monthlyPayment { amount currency } product { code } }
    currentOffer { id }
    user { username }
  }
}"""
DECIDE = """
mutation($input: DecideCreditOfferInput!) {
  decideCreditOffer(input: $input) {
    offer { id status }
    loan { id status principal { amount } payments { number dueOn amount { amount } status } }
    userErrors { code }
  }
}"""
ASSESSMENT_UPDATED = """
subscription($id: ID!) {
  assessmentUpdated(applicationId: $id) { status revision assessment { approved } currentOffer { status } }
}"""
OFFER_PROPOSED = 'subscription { offerProposed(after: "0") { id status amount { amount } application { id } } }'
CASH = {
    "code": "CASH",
    "purpose": "CONSUMER",
    "currency": "USD",
    "minAmount": 10_000,
    "maxAmount": 10_000_000,
    "minTermMonths": 3,
    "maxTermMonths": 60,
    "rateMin": "10",
    "rateMax": "20",
}
LOAN = {"amount": {"amount": 1_000_000, "currency": "USD"}, "termMonths": 12, "purpose": "CONSUMER"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = embedded_settings(Path(tmp_path_factory.mktemp("graphql-credit")))
    asyncio.run(create_admin(settings))
    with live_server(embedded_app(settings), settings) as running:
        yield running


@pytest.fixture
async def api(server: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.url) as client:
        yield client


async def token_of(api: httpx.AsyncClient, username: str, password: str) -> str:
    response = await api.post("/v1/auth/login", json={"username": username, "password": password})
    token: str = response.json()["access_token"]
    return token


@pytest.fixture(scope="module")
def product_created(server: LiveServer) -> None:
    async def create() -> None:
        async with httpx.AsyncClient(base_url=server.url) as api:
            admin = {"Authorization": f"Bearer {await token_of(api, *ADMIN)}"}
            mutation = "mutation($input: CreditProductInput!) { createCreditProduct(input: $input) { product { id code } userErrors { code } } }"  # noqa: E501
            answer = await graphql(api, mutation, {"input": CASH}, admin)
            assert answer["data"]["createCreditProduct"]["userErrors"] == [], answer

    asyncio.run(create())


@pytest.fixture
async def borrower(api: httpx.AsyncClient, product_created: None) -> tuple[str, dict[str, str]]:
    username = f"gqcredit{uuid.uuid4().hex[:8]}"
    await api.post("/v1/auth/register", json={"username": username, "password": "borrower-password"})
    token = await token_of(api, username, "borrower-password")
    headers = {"Authorization": f"Bearer {token}"}
    profile = {
        "currency": "USD",
        "annualIncome": 6_000_000,
        "monthlyDebt": 50_000,
        "employmentStatus": "EMPLOYED",
        "birthDate": "1990-05-01",
    }
    answer = await graphql(api, PROFILE, {"input": profile}, headers)
    assert answer["data"]["setCreditProfile"] == {
        "profile": {"annualIncome": {"amount": 6_000_000, "currency": "USD"}, "birthDate": "1990-05-01"},
        "userErrors": [],
    }, answer
    return token, headers


async def applied(api: httpx.AsyncClient, headers: dict[str, str]) -> str:
    answer = await graphql(api, APPLY, {"input": LOAN}, headers)
    created = answer["data"]["applyForCredit"]
    assert (created["userErrors"], created["application"]["status"]) == ([], "REVIEWING"), answer
    application_id: str = created["application"]["id"]
    return application_id


async def assessed(api: httpx.AsyncClient, headers: dict[str, str], application_id: str) -> dict[str, Any]:
    for _ in range(500):
        answer = await graphql(api, APPLICATION, {"id": application_id}, headers)
        application: dict[str, Any] = answer["data"]["creditApplication"]
        if application["assessment"] is not None and application["offers"]:
            return application
        await asyncio.sleep(0.02)
    raise AssertionError("no assessment within 10 s")


async def test_a_borrower_applies_is_offered_and_accepts_over_graphql(
    api: httpx.AsyncClient, borrower: tuple[str, dict[str, str]]
) -> None:
    _, headers = borrower
    application_id = await applied(api, headers)

    application = await assessed(api, headers, application_id)

    assessment = application["assessment"]
    assert (assessment["risk"], assessment["approved"], assessment["hardStop"]) == ("LOW", True, None)
    assert [f["name"] for f in assessment["factors"]] == [
        "age",
        "employment",
        "purpose",
        "history",
        "dsr",
        "lti",
        "behaviour",
    ]
    [offer] = application["offers"]
    assert (offer["status"], offer["product"], application["currentOffer"]) == (
        "PROPOSED",
        {"code": "CASH"},
        {"id": offer["id"]},
    )
    decided = (await graphql(api, DECIDE, {"input": {"offerId": offer["id"], "decision": "ACCEPTED"}}, headers))[
        "data"
    ]["decideCreditOffer"]
    assert (decided["userErrors"], decided["offer"]["status"]) == ([], "ACCEPTED")
    loan = decided["loan"]
    assert (loan["status"], loan["principal"], len(loan["payments"])) == ("DISBURSING", {"amount": 1_000_000}, 12)

    viewer = await graphql(
        api, "{ viewer { loans { id payments { number } } creditApplications { nodes { status } } } }", None, headers
    )
    assert viewer["data"]["viewer"]["loans"][0]["id"] == loan["id"]
    assert len(viewer["data"]["viewer"]["loans"][0]["payments"]) == 12  # a listed loan's schedule, fetched
    assert viewer["data"]["viewer"]["creditApplications"]["nodes"] == [{"status": "APPROVED"}]
    node = await graphql(
        api, "query($id: ID!) { node(id: $id) { ... on Loan { status } } }", {"id": loan["id"]}, headers
    )
    assert node["data"]["node"]["status"] in ("DISBURSING", "ACTIVE")
    again = await graphql(api, DECIDE, {"input": {"offerId": offer["id"], "decision": "ACCEPTED"}}, headers)
    assert again["data"]["decideCreditOffer"]["userErrors"] == [{"code": "offer_not_proposed"}]


@pytest.mark.parametrize(
    ("loan", "code"),
    [
        ({**LOAN, "purpose": "AUTO"}, "no_suitable_product"),
        ({**LOAN, "amount": {"amount": 1_000_000, "currency": "EUR"}}, "currency_mismatch"),
        ({**LOAN, "amount": {"amount": 1_000_000, "currency": "XYZ"}}, "validation_failed"),
        ({**LOAN, "termMonths": 0}, "validation_failed"),
    ],
)
async def test_an_application_refused_is_a_user_error(
    api: httpx.AsyncClient, borrower: tuple[str, dict[str, str]], loan: dict[str, Any], code: str
) -> None:
    _, headers = borrower
    answer = await graphql(api, APPLY, {"input": loan}, headers)
    payload = answer["data"]["applyForCredit"]
    assert (payload["application"], [e["code"] for e in payload["userErrors"]]) == (None, [code])


async def test_a_day_that_is_no_date_is_refused_before_anything_runs(
    api: httpx.AsyncClient, borrower: tuple[str, dict[str, str]]
) -> None:
    _, headers = borrower
    profile = {"currency": "USD", "annualIncome": 1, "monthlyDebt": 0, "employmentStatus": "EMPLOYED"}
    answer = await graphql(api, PROFILE, {"input": {**profile, "birthDate": "1990-02-30"}}, headers)
    assert codes(answer) == ["GRAPHQL_VALIDATION_FAILED"]
    young = await graphql(api, PROFILE, {"input": {**profile, "birthDate": "2020-01-01"}}, headers)
    assert young["data"]["setCreditProfile"]["userErrors"][0]["code"] == "validation_failed"


async def test_the_assessment_and_the_offer_arrive_live(
    api: httpx.AsyncClient, borrower: tuple[str, dict[str, str]], connect: Any
) -> None:
    token, headers = borrower
    application_id = await applied(api, headers)
    offers = await connect(token)
    proposals = await subscribe(offers, OFFER_PROPOSED)  # from the first notification: none is missed
    updates = await connect(token)
    following = await subscribe(updates, ASSESSMENT_UPDATED, {"id": application_id})

    first = (await next_data(updates, following))["assessmentUpdated"]
    assert (first["status"], first["revision"]) == ("REVIEWING", 1)
    states = [first]
    while states[-1]["currentOffer"] is None:
        states.append((await next_data(updates, following))["assessmentUpdated"])
    assert states[-1]["assessment"] == {"approved": True}
    assert states[-1]["currentOffer"] == {"status": "PROPOSED"}

    proposed = (await next_data(offers, proposals))["offerProposed"]
    assert (proposed["status"], proposed["amount"], proposed["application"]) == (
        "PROPOSED",
        {"amount": 1_000_000},
        {"id": application_id},
    )
    decided = await graphql(api, DECIDE, {"input": {"offerId": proposed["id"], "decision": "ACCEPTED"}}, headers)
    assert decided["data"]["decideCreditOffer"]["userErrors"] == []
    last = (await next_data(updates, following))["assessmentUpdated"]
    while last["status"] == "REVIEWING":
        last = (await next_data(updates, following))["assessmentUpdated"]
    assert (last["status"], last["currentOffer"]) == ("APPROVED", {"status": "ACCEPTED"})


APPLICATIONS = """
query { viewer { creditApplications(first: 20) { nodes { id offers { id status } currentOffer { id } } } } }"""


async def test_the_offers_of_a_page_of_applications_come_from_one_batch_call(
    api: httpx.AsyncClient, borrower: tuple[str, dict[str, str]], calls: Counter[str]
) -> None:
    _, headers = borrower
    applied_ids = [await applied(api, headers) for _ in range(3)]
    for application_id in applied_ids:
        await assessed(api, headers, application_id)

    calls.clear()
    answer = await graphql(api, APPLICATIONS, headers=headers)

    nodes = answer["data"]["viewer"]["creditApplications"]["nodes"]
    assert {n["id"] for n in nodes} == set(applied_ids)
    assert all(n["offers"] and n["currentOffer"]["id"] == n["offers"][0]["id"] for n in nodes), nodes
    assert calls["BatchListOffers"] == 1
    assert calls["ListOffers"] == 0


STATISTICS = """
query($from: Date!, $to: Date!, $currency: String!) {
  creditStatistics(fromDay: $from, toDay: $to, currency: $currency) {
    requests { count amount { count minimum maximum } averageTermMonths byPurpose { key count } }
    results { count approved approvalRate score { count } byRisk { key count } }
    offers { count rate { count } byProduct { key count } }
    conversion { requestToApproval requestToOffer }
  }
}"""


async def test_admins_read_the_audit_statistics_and_borrowers_may_not(
    api: httpx.AsyncClient, borrower: tuple[str, dict[str, str]]
) -> None:
    _, headers = borrower
    await assessed(api, headers, await applied(api, headers))
    admin = {"Authorization": f"Bearer {await token_of(api, *ADMIN)}"}
    today = datetime.now(UTC).date().isoformat()
    variables = {"from": today, "to": today, "currency": "USD"}

    async def statistics() -> dict[str, Any]:
        answer = await graphql(api, STATISTICS, variables, admin)
        assert "errors" not in answer, answer
        found: dict[str, Any] = answer["data"]["creditStatistics"]
        return found

    seen = await until(statistics, lambda s: s["offers"]["count"] >= 1, "the audit's record of the offer")
    requests, results = seen["requests"], seen["results"]
    assert requests["count"] >= 1
    assert requests["amount"]["maximum"] >= 1_000_000
    assert {"key": "CONSUMER", "count": requests["count"]} in requests["byPurpose"]
    assert 0 < results["approved"] <= results["count"]
    assert results["approvalRate"] == results["approved"] / results["count"]
    assert seen["offers"]["byProduct"][0]["count"] >= 1
    assert codes(await graphql(api, STATISTICS, variables, headers)) == ["FORBIDDEN"]
    assert codes(await graphql(api, STATISTICS, {**variables, "currency": "XYZ"}, admin)) == ["BAD_USER_INPUT"]
    backwards = {**variables, "from": "2026-12-02", "to": "2026-12-01"}
    assert codes(await graphql(api, STATISTICS, backwards, admin)) == ["BAD_USER_INPUT"]
