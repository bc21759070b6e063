"""Credit in real mode through the installed SDK: every service its own process on PostgreSQL and RabbitMQ; the test
moves credit's clock, stops scoring for a while and kills wallet and credit mid-flow."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest

from agora_sdk import AsyncAgora, ConflictError
from agora_sdk.models import (
    CreditApplication,
    CreditOffer,
    CreditProduct,
    Loan,
    LoanList,
    LoanPayment,
    LoanStatus,
    PaymentStatus,
)
from tests.e2e.conftest import ADMIN
from tests.e2e.processes import Platform, running_platform
from tests.support import read_until

pytestmark = pytest.mark.e2e

T = TypeVar("T")
ASSESSMENT_RETRY_SECONDS = 1


@pytest.fixture(scope="module")
def clock_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("credit-clock") / "now"
    path.write_text("")
    return path


@pytest.fixture(scope="module")
async def platform(
    postgres: str, redis_url: str, rabbitmq_url: str, tmp_path_factory: pytest.TempPathFactory, clock_file: Path
) -> AsyncIterator[Platform]:
    settings = {
        "AGORA_CREDIT_CLOCK_FILE": str(clock_file),
        "AGORA_CREDIT_COLLECTION_SWEEP_SECONDS": "0.1",
        "AGORA_CREDIT_ASSESSMENT_RETRY_SECONDS": str(ASSESSMENT_RETRY_SECONDS),
        "AGORA_CREDIT_OFFER_EXPIRY_SWEEP_SECONDS": "0.1",
    }
    async with running_platform(
        postgres, redis_url, rabbitmq_url, tmp_path_factory.mktemp("credit-real-mode"), settings
    ) as running:
        yield running


@pytest.fixture(autouse=True)
async def ready(platform: Platform, clock_file: Path) -> None:
    move_clock(clock_file, None)
    await platform.bring_up()


@pytest.fixture(scope="module")
async def product(platform: Platform) -> CreditProduct:
    async with AsyncAgora(base_url=platform.base_url) as admin:
        await admin.identity.login(username=ADMIN[0], password=ADMIN[1])
        return await admin.credit.products.create(
            code=f"CASH-{uuid.uuid4().hex[:6]}",
            purpose="CONSUMER",
            currency="USD",
            min_amount=10_000,
            max_amount=10_000_000,
            min_term_months=3,
            max_term_months=60,
            rate_min="10",
            rate_max="20",
        )


async def borrower(platform: Platform, employment: str = "EMPLOYED") -> AsyncAgora:
    client = AsyncAgora(base_url=platform.base_url)
    name = f"borrower{uuid.uuid4().hex[:8]}"
    await client.identity.register(username=name, password="borrower-password")
    await client.identity.login(username=name, password="borrower-password")
    await client.credit.set_profile(
        annual_income=6_000_000, monthly_debt=50_000, currency="USD", employment_status=employment,
        birth_date="1990-05-01",
    )  # fmt: skip
    return client


async def until(read: Callable[[], Awaitable[T]], done: Callable[[T], bool], what: str) -> T:
    """Real mode: a minute for what a few processes and the broker take their time over."""
    return await read_until(read, done, what, timeout=60)


async def assessed(client: AsyncAgora, application: CreditApplication) -> CreditApplication:
    return await until(
        lambda: client.credit.applications.get(application.id),
        lambda a: a.assessment is not None,
        "the assessment",
    )


def schedule(loan: Loan) -> list[LoanPayment]:
    assert loan.payments is not None
    return loan.payments


async def offered(client: AsyncAgora, months: int = 3) -> tuple[CreditApplication, CreditOffer]:
    application = await client.credit.applications.create(
        amount=1_000_000, currency="USD", term_months=months, purpose="CONSUMER"
    )
    application = await assessed(client, application)
    [offer] = (await client.credit.applications.offers(application.id)).items
    return application, offer


async def accepted_loan(client: AsyncAgora, months: int = 3) -> Loan:
    _, offer = await offered(client, months)
    decision = await client.credit.offers.accept(offer.id)
    assert decision.loan is not None
    return decision.loan


async def usd(client: AsyncAgora) -> int:
    balances = (await client.wallet.balances()).items
    return next((money.amount for money in balances if money.currency == "USD"), 0)


async def ledger_kinds(client: AsyncAgora) -> list[str]:
    return [str(t.kind) async for t in client.wallet.transactions.iter()]


def move_clock(clock_file: Path, day: date | None) -> None:
    """credit's now: noon of `day`, or (None) the system's time again."""
    noon = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=12) if day else None
    clock_file.write_text(noon.isoformat() if noon else "")


def completed(number: int) -> Callable[[Loan], bool]:
    return lambda loan: schedule(loan)[number - 1].status == PaymentStatus.COMPLETED


async def test_a_loan_from_application_to_closing_through_the_sdk(
    platform: Platform, product: CreditProduct, clock_file: Path
) -> None:
    async with await borrower(platform) as client:
        loan = await accepted_loan(client, months=3)
        active = await until(
            lambda: client.credit.loans.get(loan.id), lambda loan: loan.status == LoanStatus.ACTIVE, "the disbursal"
        )
        assert await usd(client) == 1_000_000
        interest = sum(p.interest.amount for p in schedule(active))
        async with AsyncAgora(base_url=platform.base_url) as admin:
            await admin.identity.login(username=ADMIN[0], password=ADMIN[1])
            me = await client.identity.me()
            await admin.wallet.top_up(user_id=me.id, amount=interest, currency="USD")

        for payment in schedule(active):
            move_clock(clock_file, payment.due_on)
            await until(
                lambda: client.credit.loans.get(loan.id),
                completed(payment.number),
                f"instalment {payment.number}",
            )
        closed = await until(
            lambda: client.credit.loans.get(loan.id), lambda loan: loan.status == LoanStatus.CLOSED, "closing"
        )

        assert closed.outstanding.amount == 0
        assert await usd(client) == 0
        kinds = await ledger_kinds(client)
        assert (kinds.count("loan_disbursal"), kinds.count("loan_repayment")) == (1, 3)


async def test_a_hard_stop_rejects_the_application_with_its_reason(platform: Platform, product: CreditProduct) -> None:
    async with await borrower(platform, employment="UNEMPLOYED") as client:
        application = await client.credit.applications.create(
            amount=1_000_000, currency="USD", term_months=12, purpose="CONSUMER"
        )
        rejected = await until(
            lambda: client.credit.applications.get(application.id), lambda a: a.status == "REJECTED", "the rejection"
        )
        assert rejected.assessment is not None
        assert (rejected.assessment.score, rejected.assessment.reasons) == (
            0.0,
            ["Unemployed applicants cannot be approved"],
        )
        assert (await client.credit.applications.offers(application.id)).items == []


async def test_an_update_is_assessed_again_and_a_withdrawal_cancels_the_new_offer(
    platform: Platform, product: CreditProduct
) -> None:
    async with await borrower(platform) as client:
        application, first = await offered(client)
        await client.credit.applications.update(application.id, amount=2_000_000, currency="USD", term_months=24)
        again = await until(
            lambda: client.credit.applications.get(application.id),
            lambda a: (
                a.assessment is not None and a.assessment.revision == 2 and isinstance(a.current_offer_id, uuid.UUID)
            ),
            "the second assessment's offer",
        )
        newest, oldest = (await client.credit.applications.offers(application.id)).items
        assert (oldest.id, oldest.status, newest.status, newest.amount.amount) == (
            first.id, "EXPIRED", "PROPOSED", 2_000_000,
        )  # fmt: skip
        assert again.current_offer_id == newest.id

        await client.credit.applications.withdraw(application.id)
        withdrawn = await client.credit.applications.get(application.id)
        assert (withdrawn.active, withdrawn.status) == (False, "REVIEWING")
        assert [o.status for o in (await client.credit.applications.offers(application.id)).items] == [
            "CANCELED",
            "EXPIRED",
        ]
        with pytest.raises(ConflictError) as refused:
            await client.credit.offers.accept(newest.id)
        assert refused.value.code == "offer_not_proposed"


async def test_a_proposal_past_its_expiry_is_expired_by_the_sweep_and_the_borrower_told(
    platform: Platform, product: CreditProduct, clock_file: Path
) -> None:
    async with await borrower(platform) as client:
        _, offer = await offered(client)
        move_clock(clock_file, offer.expires_at.date() + timedelta(days=1))

        async def offer_statuses() -> list[str]:
            page = await client.notifications.list(limit=100)
            return [str(n.data["status"]) for n in page.items if n.kind == "credit_offer"]

        assert "EXPIRED" in await until(offer_statuses, lambda statuses: "EXPIRED" in statuses, "the expiry")
        with pytest.raises(ConflictError) as refused:
            await client.credit.offers.accept(offer.id)
        assert refused.value.code == "offer_expired"
        assert await client.credit.loans.list() == LoanList(items=[])


async def test_scoring_away_for_a_while_loses_no_application(platform: Platform, product: CreditProduct) -> None:
    async with await borrower(platform) as client:
        await platform.stop("scoring")
        application = await client.credit.applications.create(
            amount=1_000_000, currency="USD", term_months=12, purpose="CONSUMER"
        )
        await asyncio.sleep(3 * ASSESSMENT_RETRY_SECONDS)  # long enough for the request to be retried and asked again
        waiting = await client.credit.applications.get(application.id)
        assert (waiting.status, waiting.assessment is None) == ("REVIEWING", True)

        platform.start("scoring")
        await platform.serving("scoring")

        done = await assessed(client, application)
        assert done.assessment is not None
        assert done.assessment.approved
        assert len((await client.credit.applications.offers(application.id)).items) == 1


@pytest.mark.parametrize("victim", ["wallet", "credit"])
async def test_a_kill_9_during_disbursal_pays_the_principal_in_exactly_once(
    platform: Platform, product: CreditProduct, victim: str
) -> None:
    async with await borrower(platform) as client:
        loan = await accepted_loan(client)
        platform.kill(victim)
        platform.start(victim)
        await platform.reachable(victim)

        await until(
            lambda: client.credit.loans.get(loan.id), lambda loan: loan.status == LoanStatus.ACTIVE, "the disbursal"
        )
        assert await usd(client) == 1_000_000
        assert (await ledger_kinds(client)).count("loan_disbursal") == 1


async def test_a_kill_9_of_credit_while_collecting_takes_each_instalment_once(
    platform: Platform, product: CreditProduct, clock_file: Path
) -> None:
    async with await borrower(platform) as client:
        loan = await accepted_loan(client)
        active = await until(
            lambda: client.credit.loans.get(loan.id), lambda loan: loan.status == LoanStatus.ACTIVE, "the disbursal"
        )
        first = schedule(active)[0]
        move_clock(clock_file, first.due_on)
        await until(
            lambda: client.credit.loans.get(loan.id), lambda loan: schedule(loan)[0].attempts >= 1, "the collection"
        )
        platform.kill("credit")  # with the collection asked of wallet, answered or not
        platform.start("credit")
        await platform.reachable("credit")

        paid = await until(
            lambda: client.credit.loans.get(loan.id),
            lambda loan: schedule(loan)[0].status == PaymentStatus.COMPLETED,
            "the first instalment",
        )
        assert [p.status for p in schedule(paid)[1:]] == [PaymentStatus.PLANNED] * 2
        assert await usd(client) == 1_000_000 - first.amount.amount
        assert (await ledger_kinds(client)).count("loan_repayment") == 1
