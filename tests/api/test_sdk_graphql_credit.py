"""Credit through the installed SDK's `client.graphql` against a live gateway: apply, follow the assessment as a
subscription, accept the offer, read the loan."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agora_sdk import Agora, AsyncAgora, GraphQLError
from agora_sdk.graphql import (
    ApplyForCreditInput,
    CreditDecision,
    CreditStatisticsCreditStatistics,
    DecideCreditOfferInput,
    EmploymentStatus,
    LoanPurpose,
    MoneyInput,
    SetCreditProfileInput,
)
from services.embedded import embedded_app
from tests.api.conftest import ADMIN, create_admin
from tests.conftest import embedded_settings
from tests.support import LiveServer, live_server
from tests.support import read_until as until

PASSWORD = "graphql-credit-password"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = embedded_settings(Path(tmp_path_factory.mktemp("sdk-graphql-credit")))
    asyncio.run(create_admin(settings))
    with live_server(embedded_app(settings), settings) as running:
        with Agora(base_url=running.url) as admin:
            admin.identity.login(username=ADMIN[0], password=ADMIN[1])
            admin.credit.products.create(
                code="CASH", purpose="CONSUMER", currency="USD", min_amount=10_000, max_amount=10_000_000,
                min_term_months=3, max_term_months=60, rate_min="10", rate_max="20",
            )  # fmt: skip
        yield running


async def test_a_loan_is_applied_for_followed_and_accepted_through_client_graphql_and_audited(
    server: LiveServer,
) -> None:
    username = f"sdkcredit{uuid.uuid4().hex[:8]}"
    async with AsyncAgora(base_url=server.url, max_retries=0) as client:
        await client.identity.register(username=username, password=PASSWORD)
        await client.identity.login(username=username, password=PASSWORD)
        profile = SetCreditProfileInput(
            currency="USD",
            annual_income=6_000_000,
            monthly_debt=50_000,
            employment_status=EmploymentStatus.EMPLOYED,
            birth_date="1990-05-01",
        )
        assert (await client.graphql.set_credit_profile(input=profile)).set_credit_profile.user_errors == []
        products = (await client.graphql.credit_products()).credit_products
        assert [p.code for p in products] == ["CASH"]

        loan_request = ApplyForCreditInput(
            amount=MoneyInput(amount=1_000_000, currency="USD"), term_months=12, purpose=LoanPurpose.CONSUMER
        )
        applied = (await client.graphql.apply_for_credit(input=loan_request)).apply_for_credit
        assert applied.user_errors == []
        assert applied.application is not None
        application_id = applied.application.id

        seen = []
        async for update in client.graphql.assessment_updated(application_id=application_id):
            seen.append(update.assessment_updated)
            if update.assessment_updated.current_offer is not None:
                break
        last = seen[-1]
        assert last.assessment is not None
        assert (last.assessment.approved, last.assessment.risk.value) == (True, "LOW")
        offer = last.current_offer
        assert offer is not None

        decision = DecideCreditOfferInput(offer_id=offer.id, decision=CreditDecision.ACCEPTED)
        decided = (await client.graphql.decide_credit_offer(input=decision)).decide_credit_offer
        assert decided.user_errors == []
        assert decided.loan is not None
        loan = (await client.graphql.loan(id=decided.loan.id)).loan
        assert loan is not None
        assert sum(p.principal.amount for p in loan.payments) == 1_000_000
        again = (await client.graphql.decide_credit_offer(input=decision)).decide_credit_offer
        assert [e.code for e in again.user_errors] == ["offer_not_proposed"]

    today = datetime.now(UTC).date().isoformat()
    async with AsyncAgora(base_url=server.url, max_retries=0) as admin:
        await admin.identity.login(username=ADMIN[0], password=ADMIN[1])

        async def statistics() -> CreditStatisticsCreditStatistics:
            answer = await admin.graphql.credit_statistics(from_day=today, to_day=today, currency="USD")
            return answer.credit_statistics

        audited = await until(statistics, lambda s: s.offers.count >= 1, "the offer in the audit")
        assert (audited.requests.count, audited.results.approved, audited.offers.by_product[0].count) == (1, 1, 1)
        assert [(t.key, t.count) for t in audited.requests.by_purpose] == [("CONSUMER", 1)]
        assert audited.conversion.request_to_offer == 1
        with pytest.raises(GraphQLError):
            await admin.graphql.credit_statistics(from_day=today, to_day="2020-01-01", currency="USD")
