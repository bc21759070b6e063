"""The order saga's payments on PostgreSQL, where commands for one order really race: money is never lost or made."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest

from agora.events.v1.wallet_pb2 import PaymentCharged, PaymentRefunded, PaymentRejected
from services.platform.settings import Settings
from services.wallet.domain import Money
from services.wallet.service import open_wallet
from services.wallet.service_layer import WalletService
from tests.unit.wallet.test_order_payments import coins, order_transactions, registered, replies

pytestmark = pytest.mark.postgres

PRICE = Money(300, "COIN")


@pytest.fixture
async def wallet(postgres_settings: Settings) -> AsyncIterator[WalletService]:
    service, database = await open_wallet(postgres_settings)
    yield service
    await database.close()


async def test_concurrent_deliveries_of_one_charge_charge_once(wallet: WalletService) -> None:
    ann, order = await registered(wallet), str(uuid.uuid4())

    await asyncio.gather(*(wallet.charge_order(order, ann, PRICE) for _ in range(10)))

    answers = await replies(wallet)
    assert len(answers) == 10
    assert all(isinstance(answer, PaymentCharged) for answer in answers)
    assert len({answer.charge_id for answer in answers if isinstance(answer, PaymentCharged)}) == 1
    assert await order_transactions(wallet, ann) == [("charge", 300)]
    assert await coins(wallet, ann) == 700


@pytest.mark.parametrize("charge_first", [True, False])
async def test_a_charge_racing_its_refund_loses_no_money_and_makes_none(
    wallet: WalletService, charge_first: bool
) -> None:
    ann = await registered(wallet)
    orders = [str(uuid.uuid4()) for _ in range(10)]

    for order in orders:
        charge, refund = wallet.charge_order(order, ann, PRICE), wallet.refund_order(order)
        await asyncio.gather(*((charge, refund) if charge_first else (refund, charge)))

    assert await coins(wallet, ann) == 1000
    moves = await order_transactions(wallet, ann)
    assert moves.count(("charge", 300)) == moves.count(("refund", 300)) == len(moves) // 2
    answers = await replies(wallet)
    for order in orders:
        answered = [answer for answer in answers if answer.order_id == order]
        assert PaymentRefunded(order_id=order) in answered
        charged = any(isinstance(answer, PaymentCharged) for answer in answered)
        assert charged or PaymentRejected(order_id=order, reason="cancelled") in answered


async def test_duplicated_charges_and_refunds_racing_refund_every_charge_once(wallet: WalletService) -> None:
    ann, order = await registered(wallet), str(uuid.uuid4())

    await asyncio.gather(
        *(wallet.charge_order(order, ann, PRICE) for _ in range(4)), *(wallet.refund_order(order) for _ in range(4))
    )

    assert await coins(wallet, ann) == 1000
    assert await order_transactions(wallet, ann) in ([], [("charge", 300), ("refund", 300)])


async def test_many_orders_charged_at_once_never_overdraw(wallet: WalletService) -> None:
    ann = await registered(wallet)
    orders = [str(uuid.uuid4()) for _ in range(20)]

    await asyncio.gather(*(wallet.charge_order(order, ann, Money(100, "COIN")) for order in orders))

    answers = await replies(wallet)
    assert sum(isinstance(answer, PaymentCharged) for answer in answers) == 10
    rejected = [answer for answer in answers if isinstance(answer, PaymentRejected)]
    assert [answer.reason for answer in rejected] == ["insufficient_funds"] * 10
    assert await coins(wallet, ann) == 0
