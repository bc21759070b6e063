"""The scoring engine as started, over gRPC: results with their rules version, refusals with status and code."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import grpc
import pytest

from agora.common.v1.money_pb2 import Money
from agora.scoring.v1 import scoring_pb2 as pb
from agora.scoring.v1.scoring_pb2_grpc import ScoringServiceStub
from services.platform.bus import Bus
from services.platform.errors import ERROR_CODE_METADATA
from services.platform.grpc_client import Caller, open_channel
from services.platform.settings import Settings
from services.scoring import service as scoring
from services.scoring.rules import RULES_VERSION

if TYPE_CHECKING:
    from agora.scoring.v1.scoring_pb2_grpc import ScoringServiceAsyncStub


def usd(amount: int) -> Money:
    return Money(amount=amount, currency="USD")


LOAN = pb.LoanRequest(amount=usd(100_000), term_months=12, purpose=pb.LOAN_PURPOSE_CONSUMER)
APPLICANT = pb.Applicant(
    age=35,
    employment_status=pb.EMPLOYMENT_STATUS_EMPLOYED,
    annual_income=usd(1_200_000),
    monthly_debt=usd(10_000),
)
CASH = pb.CreditProduct(
    id="cash",
    code="CASH",
    version=1,
    purpose=pb.LOAN_PURPOSE_CONSUMER,
    min_amount=usd(10_000),
    max_amount=usd(10_000_000),
    min_term_months=3,
    max_term_months=60,
    rate_min_hundredths=1000,
    rate_max_hundredths=2000,
    active=True,
)


@pytest.fixture
async def engine(settings: Settings, bus: Bus) -> AsyncIterator[ScoringServiceAsyncStub]:
    running = await scoring.start(settings, "127.0.0.1:0", bus)
    channel = open_channel(running.address)
    yield ScoringServiceStub(channel)
    await channel.close()
    await running.stop(0)


async def test_an_assessment_carries_its_score_factors_and_rules_version(engine: ScoringServiceAsyncStub, call: Caller):
    reply = await call(engine.Assess, pb.AssessRequest(applicant=APPLICANT, loan=LOAN))

    assert (reply.score_tenths, reply.risk, reply.approved) == (809, pb.RISK_BAND_LOW, True)
    assert list(reply.reasons) == ["Excellent profile with low risk"]
    assert [(f.name, f.contribution_tenths) for f in reply.factors] == [
        ("age", 50),
        ("employment", 66),
        ("purpose", 0),
        ("history", 0),
        ("dsr", 78),
        ("lti", 55),
        ("behaviour", 60),
    ]
    assert (reply.dsr_hundredths, reply.lti_thousandths, reply.hard_stop) == (1000, 83, "")
    assert reply.rules_version == RULES_VERSION


async def test_a_hard_stop_is_named(engine: ScoringServiceAsyncStub, call: Caller):
    history = pb.CreditHistory(delayed_payments_last_12_months=3)

    reply = await call(engine.Assess, pb.AssessRequest(applicant=APPLICANT, history=history, loan=LOAN))

    assert (reply.score_tenths, reply.risk, reply.approved) == (0, pb.RISK_BAND_HIGH, False)
    assert reply.hard_stop == "Multiple payment failures in recent history"


async def test_an_offer_is_priced_from_the_cheapest_fitting_product(engine: ScoringServiceAsyncStub, call: Caller):
    dearer = pb.CreditProduct()
    dearer.CopyFrom(CASH)
    dearer.id, dearer.rate_min_hundredths, dearer.rate_max_hundredths = "dearer", 1500, 2500
    request = pb.GenerateOfferRequest(loan=LOAN, score_tenths=809, risk=pb.RISK_BAND_LOW, products=[dearer, CASH])

    offer = (await call(engine.GenerateOffer, request)).offer

    assert (offer.product_id, offer.rate_hundredths, offer.effective_rate_hundredths) == ("cash", 1191, 1258)
    assert (offer.amount, offer.term_months, offer.lifetime_days) == (usd(100_000), 12, 8)
    assert offer.monthly_payment == usd(8_881)  # 1,000.00 at 11.91 % over 12 months: 88.81
    assert offer.rules_version == RULES_VERSION


@pytest.mark.parametrize(
    ("rpc", "request_message", "status", "code"),
    [
        ("Assess", pb.AssessRequest(applicant=APPLICANT), grpc.StatusCode.INVALID_ARGUMENT, "validation_failed"),
        (
            "Assess",
            pb.AssessRequest(applicant=pb.Applicant(age=35, annual_income=usd(1)), loan=LOAN),
            grpc.StatusCode.INVALID_ARGUMENT,
            "validation_failed",
        ),
        (
            "Assess",
            pb.AssessRequest(
                applicant=pb.Applicant(
                    age=35,
                    employment_status=pb.EMPLOYMENT_STATUS_EMPLOYED,
                    annual_income=Money(amount=1, currency="EUR"),
                ),
                loan=LOAN,
            ),
            grpc.StatusCode.INVALID_ARGUMENT,
            "validation_failed",
        ),
        (
            "GenerateOffer",
            pb.GenerateOfferRequest(loan=LOAN, score_tenths=809, risk=pb.RISK_BAND_LOW),
            grpc.StatusCode.INVALID_ARGUMENT,
            "validation_failed",
        ),
        (
            "GenerateOffer",
            pb.GenerateOfferRequest(loan=LOAN, score_tenths=300, risk=pb.RISK_BAND_HIGH, products=[CASH]),
            grpc.StatusCode.FAILED_PRECONDITION,
            "no_offer",
        ),
        (
            "GenerateOffer",
            pb.GenerateOfferRequest(
                loan=pb.LoanRequest(amount=usd(100_000), term_months=120, purpose=pb.LOAN_PURPOSE_CONSUMER),
                score_tenths=809,
                risk=pb.RISK_BAND_LOW,
                products=[CASH],
            ),
            grpc.StatusCode.FAILED_PRECONDITION,
            "no_offer",
        ),
    ],
    ids=["no-loan", "no-employment-status", "income-in-another-currency", "no-products", "high-risk", "no-fit"],
)
async def test_refusals_arrive_with_status_and_code(
    engine: ScoringServiceAsyncStub,
    call: Caller,
    rpc: str,
    request_message: object,
    status: grpc.StatusCode,
    code: str,
):
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call(getattr(engine, rpc), request_message)

    assert caught.value.code() is status
    assert dict(caught.value.trailing_metadata() or ())[ERROR_CODE_METADATA] == code
