"""The order saga's payments on the embedded store: each command charges or refunds once and is answered every time."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from sqlalchemy import delete, select

from agora.common.v1.money_pb2 import Money as MoneyMessage
from agora.events.v1.orders_pb2 import PaymentRequested
from agora.events.v1.wallet_pb2 import PaymentCharged, PaymentRefunded, PaymentRejected
from services.platform.bus import Bus, Message
from services.platform.events import to_message, unwrap, wrap
from services.platform.outbox import outbox
from services.platform.settings import Settings
from services.wallet.adapters.orm import transactions
from services.wallet.domain import Money, TransactionKind
from services.wallet.service import open_wallet, start
from services.wallet.service_layer import WalletService


@pytest.fixture
async def wallet(settings: Settings) -> AsyncIterator[WalletService]:
    service, database = await open_wallet(settings)
    yield service
    await database.close()


async def registered(wallet: WalletService) -> uuid.UUID:
    """A user with the welcome grant of 1000 COIN."""
    user_id = uuid.uuid4()
    await wallet.open_accounts(user_id, f"user-{user_id.hex[:8]}")
    return user_id


async def coins(wallet: WalletService, user_id: uuid.UUID) -> int:
    async with wallet.unit_of_work() as uow:
        return next((b.amount for b in await uow.ledger.balances(user_id) if b.currency == "COIN"), 0)


Reply = PaymentCharged | PaymentRejected | PaymentRefunded


async def replies(wallet: WalletService) -> list[Reply]:
    """The answers written to the outbox so far, oldest first, taken from it."""
    async with wallet.unit_of_work() as uow:
        session = uow.ledger.session
        bodies: list[bytes] = list((await session.execute(select(outbox.c.body).order_by(outbox.c.id))).scalars())
        await session.execute(delete(outbox))
        await uow.commit()
    events = [unwrap(body).payload for body in bodies]
    return [event for event in events if isinstance(event, Reply)]


async def order_transactions(wallet: WalletService, user_id: uuid.UUID) -> list[tuple[str, int]]:
    """The user's charges and refunds, oldest first, as (kind, amount)."""
    async with wallet.unit_of_work() as uow:
        rows = await uow.ledger.session.execute(
            select(transactions.c.kind, transactions.c.amount)
            .where(
                transactions.c.user_id == user_id,
                transactions.c.kind.in_([TransactionKind.CHARGE.value, TransactionKind.REFUND.value]),
            )
            .order_by(transactions.c.id)
        )
        return [(row.kind, row.amount) for row in rows]


async def charge_id_of(wallet: WalletService, order_id: str) -> str:
    async with wallet.unit_of_work() as uow:
        found = await uow.ledger.session.execute(
            select(transactions.c.id).where(
                transactions.c.kind == TransactionKind.CHARGE.value, transactions.c.reference == f"order:{order_id}"
            )
        )
        return str(found.scalar_one())


async def test_a_charge_is_made_once_and_answered_every_time(wallet: WalletService) -> None:
    ann, order = await registered(wallet), str(uuid.uuid4())

    await wallet.charge_order(order, ann, Money(300, "COIN"))
    await wallet.charge_order(order, ann, Money(300, "COIN"))
    await asyncio.gather(*(wallet.charge_order(order, ann, Money(300, "COIN")) for _ in range(3)))

    charge_id = await charge_id_of(wallet, order)
    assert await replies(wallet) == [PaymentCharged(order_id=order, charge_id=charge_id)] * 5
    assert await coins(wallet, ann) == 700
    assert await order_transactions(wallet, ann) == [("charge", 300)]


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        (Money(1001, "COIN"), "insufficient_funds"),
        (Money(5, "USD"), "insufficient_funds"),
        (Money(0, "COIN"), "invalid_amount"),
        (Money(5, "XYZ"), "unsupported_currency"),
    ],
)
async def test_a_refused_charge_is_answered_alike_on_redelivery_and_charges_nothing(
    wallet: WalletService, amount: Money, reason: str
) -> None:
    ann, order = await registered(wallet), str(uuid.uuid4())

    await wallet.charge_order(order, ann, amount)
    await wallet.charge_order(order, ann, amount)

    assert await replies(wallet) == [PaymentRejected(order_id=order, reason=reason)] * 2
    assert await coins(wallet, ann) == 1000
    assert await order_transactions(wallet, ann) == []


async def test_a_user_without_a_wallet_is_refused(wallet: WalletService) -> None:
    order = str(uuid.uuid4())

    await wallet.charge_order(order, uuid.uuid4(), Money(5, "COIN"))

    assert await replies(wallet) == [PaymentRejected(order_id=order, reason="insufficient_funds")]


async def test_a_refusal_stands_once_the_money_is_there(wallet: WalletService) -> None:
    ann, order = await registered(wallet), str(uuid.uuid4())
    await wallet.charge_order(order, ann, Money(1500, "COIN"))
    await wallet.top_up(None, ann, Money(1000, "COIN"), "")

    await wallet.charge_order(order, ann, Money(1500, "COIN"))

    assert await replies(wallet) == [PaymentRejected(order_id=order, reason="insufficient_funds")] * 2
    assert await coins(wallet, ann) == 2000


async def test_a_refund_after_the_charge_gives_it_back_once(wallet: WalletService) -> None:
    ann, order = await registered(wallet), str(uuid.uuid4())
    await wallet.charge_order(order, ann, Money(300, "COIN"))

    await wallet.refund_order(order)
    await wallet.refund_order(order)
    await asyncio.gather(*(wallet.refund_order(order) for _ in range(3)))

    charged = PaymentCharged(order_id=order, charge_id=await charge_id_of(wallet, order))
    assert await replies(wallet) == [charged] + [PaymentRefunded(order_id=order)] * 5
    assert await coins(wallet, ann) == 1000
    assert await order_transactions(wallet, ann) == [("charge", 300), ("refund", 300)]


async def test_a_refund_before_the_charge_voids_it(wallet: WalletService) -> None:
    ann, order = await registered(wallet), str(uuid.uuid4())

    await wallet.refund_order(order)
    await wallet.charge_order(order, ann, Money(300, "COIN"))
    await wallet.refund_order(order)
    await wallet.charge_order(order, ann, Money(300, "COIN"))

    cancelled = PaymentRejected(order_id=order, reason="cancelled")
    refunded = PaymentRefunded(order_id=order)
    assert await replies(wallet) == [refunded, cancelled, refunded, cancelled]
    assert await coins(wallet, ann) == 1000
    assert await order_transactions(wallet, ann) == []


async def test_a_charge_after_its_refund_answers_as_first_and_charges_nothing_more(wallet: WalletService) -> None:
    ann, order = await registered(wallet), str(uuid.uuid4())
    await wallet.charge_order(order, ann, Money(300, "COIN"))
    await wallet.refund_order(order)

    await wallet.charge_order(order, ann, Money(300, "COIN"))

    assert (await replies(wallet))[-1] == PaymentCharged(order_id=order, charge_id=await charge_id_of(wallet, order))
    assert await coins(wallet, ann) == 1000


Command = Callable[[WalletService, str, uuid.UUID], Awaitable[None]]


async def charge(wallet: WalletService, order: str, user_id: uuid.UUID) -> None:
    await wallet.charge_order(order, user_id, Money(300, "COIN"))


async def refund(wallet: WalletService, order: str, user_id: uuid.UUID) -> None:
    await wallet.refund_order(order)


async def test_money_is_conserved_whatever_the_order_and_duplication_of_commands(wallet: WalletService) -> None:
    """balance + paid - refunded stays what the user started with, after every command of every sequence."""
    ann = await registered(wallet)
    sequences = sorted(set(itertools.permutations([charge, charge, refund, refund], 4)), key=str)

    for sequence in sequences:
        order = str(uuid.uuid4())
        for command in sequence:
            await command(wallet, order, ann)
            moves = await order_transactions(wallet, ann)
            paid = sum(amount for kind, amount in moves if kind == "charge")
            refunded = sum(amount for kind, amount in moves if kind == "refund")
            assert await coins(wallet, ann) + paid - refunded == 1000
        assert await coins(wallet, ann) == 1000


async def test_the_started_service_answers_a_payment_request_from_the_bus(settings: Settings, bus: Bus) -> None:
    wallet, database = await open_wallet(settings)
    ann = await registered(wallet)
    await database.close()
    running = await start(settings, "127.0.0.1:0", bus)
    answers: asyncio.Queue[Message] = asyncio.Queue()
    await bus.broadcast(["wallet.payment_charged"], answers.put)
    order = str(uuid.uuid4())
    request = PaymentRequested(order_id=order, user_id=str(ann), amount=MoneyMessage(amount=300, currency="COIN"))
    command = wrap(request, producer="orders")
    try:
        await bus.publish([to_message(command)])
        answer = unwrap((await asyncio.wait_for(answers.get(), timeout=10)).body)
    finally:
        await bus.close()  # its handlers end before the database they use
        await running.stop(0)

    assert answer.envelope.causation_id == command.event_id
    assert isinstance(answer.payload, PaymentCharged)
    assert answer.payload.order_id == order
    wallet, database = await open_wallet(settings)
    try:
        assert answer.payload.charge_id == await charge_id_of(wallet, order)
        assert await coins(wallet, ann) == 700
    finally:
        await database.close()
