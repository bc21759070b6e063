"""orders' side of the saga when the bus misbehaves: every reply repeated, re-sent, reordered or late.

catalog and wallet answer a repeated command again under a new event id, and the bus may deliver a message twice
(same id) and hand replies over in any order. Whatever arrives, orders must ask for the stock once and for the
payment at most once, ask for each undo (release, refund) at most once per compensation round, and end where the
replies lead. The replies go through orders' real consumer, so routing and the handled-events ledger are covered.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest
from google.protobuf.message import Message as ProtoMessage
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from agora.events.v1 import catalog_pb2, orders_pb2, wallet_pb2
from services.orders.adapters.repository import OrderRepository
from services.orders.adapters.unit_of_work import OrdersUnitOfWork
from services.orders.domain import Order, OrderStatus
from services.orders.entrypoints.consumer import subscriptions
from services.orders.service_layer import OrdersService
from services.platform.bus import Message
from services.platform.context import Principal
from services.platform.db import Database
from services.platform.events import EVENT_TYPES, Event, to_message, unwrap, wrap
from services.platform.outbox import outbox
from tests.unit.customers.fakes import FakeCatalog
from tests.unit.orders.conftest import FakeClock, orders_service

ANN = Principal(user_id=str(uuid.uuid4()), role="customer")

RESERVE = "orders.stock_reservation_requested"
PAY = "orders.payment_requested"
RELEASE = "orders.stock_release_requested"
REFUND = "orders.refund_requested"

REPLIES: dict[str, Callable[[str], ProtoMessage]] = {
    "reserved": lambda order_id: catalog_pb2.StockReserved(order_id=order_id),
    "out_of_stock": lambda order_id: catalog_pb2.StockReservationRejected(order_id=order_id, reason="no cups left"),
    "released": lambda order_id: catalog_pb2.StockReleased(order_id=order_id),
    # wallet answers a repeated charge with the charge it made first, hence one charge id per order.
    "charged": lambda order_id: wallet_pb2.PaymentCharged(
        order_id=order_id, charge_id=str(uuid.uuid5(uuid.NAMESPACE_OID, order_id))
    ),
    "payment_refused": lambda order_id: wallet_pb2.PaymentRejected(order_id=order_id, reason="insufficient_funds"),
    "refunded": lambda order_id: wallet_pb2.PaymentRefunded(order_id=order_id),
}
"""Every reply the saga consumes, by the name the scenarios use, for one order id."""


class SagaRun:
    """One order placed with orders, the messages a test delivers to it, and what orders published for it."""

    def __init__(self, orders: OrdersService, database: Database, clock: FakeClock, order: Order) -> None:
        self.orders = orders
        self.database = database
        self.clock = clock
        self.order_id = order.id
        [saga_replies] = subscriptions(orders, "test")
        self._handle = saga_replies.handler

    @classmethod
    async def place(cls, orders: OrdersService, database: Database, clock: FakeClock, catalog: FakeCatalog) -> SagaRun:
        cup = catalog.add("cup", 20)
        return cls(orders, database, clock, await orders.place_order(ANN, [(cup, 2)], key=""))

    def reply(self, kind: str) -> Message:
        """A new reply of this kind, with an event id of its own, as its participant publishes it."""
        payload = REPLIES[kind](str(self.order_id))
        producer = EVENT_TYPES[type(payload)].partition(".")[0]
        return to_message(wrap(payload, producer=producer))

    async def deliver(self, message: Message) -> None:
        await self._handle(message)

    async def cancel(self) -> None:
        await self.orders.cancel_order(ANN, self.order_id)

    async def pass_deadline(self) -> None:
        """The step under way took too long, or the undo is unconfirmed: the sweeper finds the order due."""
        self.clock.move_past((await self.current()).deadline or self.clock.now)
        await self.orders.sweep()

    async def current(self) -> Order:
        return await self.orders.get_order(ANN, self.order_id)

    async def timeline(self) -> list[OrderStatus]:
        return [entry.status for entry in await self.orders.timeline(ANN, self.order_id)]

    async def published(self) -> list[Event]:
        """Everything orders wrote to its outbox for this order, oldest first (no relay takes it in these tests)."""
        async with self.database.transaction() as session:
            bodies: list[bytes] = list((await session.execute(select(outbox.c.body).order_by(outbox.c.id))).scalars())
        events = [unwrap(body) for body in bodies]
        return [event for event in events if getattr(event.payload, "order_id", None) == str(self.order_id)]


ACTIONS: dict[str, Callable[[SagaRun], Awaitable[None]]] = {
    "cancel": SagaRun.cancel,
    "deadline": SagaRun.pass_deadline,
}
"""The steps that are not replies: the customer cancels, the sweeper runs after the order's deadline."""


# -- each reply repeated, in every way the bus and the participants repeat it -------------------------------


@dataclass(frozen=True)
class Repeat:
    """A second copy of every reply: the same message (a redelivery) or a new event id (a participant answering
    its command's redelivery), delivered `after_steps` steps after the original (0: right after it)."""

    same_id: bool
    after_steps: int


AT_THE_END = 1_000
DELIVERIES: dict[str, Repeat | None] = {
    "once": None,
    "redelivered at once": Repeat(same_id=True, after_steps=0),
    "redelivered at the end": Repeat(same_id=True, after_steps=AT_THE_END),
    "answered twice at once": Repeat(same_id=False, after_steps=0),
    "answered again after the next step": Repeat(same_id=False, after_steps=1),
    "answered again at the end": Repeat(same_id=False, after_steps=AT_THE_END),
}


async def play(run: SagaRun, steps: list[str], repeat: Repeat | None) -> None:
    """Performs the steps in order, delivering each reply's copy when `repeat` says; actions are never repeated."""
    due: defaultdict[int, list[Message]] = defaultdict(list)
    for index, step in enumerate(steps):
        if step in ACTIONS:
            await ACTIONS[step](run)
        else:
            message = run.reply(step)
            await run.deliver(message)
            if repeat is not None:
                due[index + repeat.after_steps].append(message if repeat.same_id else run.reply(step))
        for copy in due.pop(index, []):
            await run.deliver(copy)
    for index in sorted(due):
        for copy in due[index]:
            await run.deliver(copy)


@dataclass(frozen=True)
class Scenario:
    """Steps in the order they reach orders, the timeline they must leave and the commands orders must send.

    `releases` and `refunds` count compensation rounds: one for the cancellation, one per sweeper retry.
    """

    steps: str
    timeline: str
    payments: int = 0
    releases: int = 0
    refunds: int = 0


SCENARIOS: dict[str, Scenario] = {
    "paid": Scenario("reserved charged", "PENDING RESERVED PAID", payments=1),
    "out of stock": Scenario("out_of_stock", "PENDING CANCELLED"),
    "insufficient funds": Scenario(
        "reserved payment_refused released", "PENDING RESERVED CANCELLING CANCELLED", payments=1, releases=1
    ),
    # A stray charge before the reservation changes nothing; the real one, after the payment request, pays.
    "charged before reserved": Scenario("charged reserved charged", "PENDING RESERVED PAID", payments=1),
    "cancelled pending": Scenario("cancel released", "PENDING CANCELLING CANCELLED", releases=1),
    # catalog reserved before it handled the release: the release already sent gives the stock back.
    "cancelled pending, reserved late": Scenario(
        "cancel reserved released", "PENDING CANCELLING CANCELLED", releases=1
    ),
    "cancelled pending, released before reserved": Scenario(
        "cancel released reserved", "PENDING CANCELLING CANCELLED", releases=1
    ),
    # catalog handled the release first, so it refused the reservation, and answers the release too.
    "cancelled pending, reservation refused": Scenario(
        "cancel out_of_stock released", "PENDING CANCELLING CANCELLED", releases=1
    ),
    # wallet charged before it handled the refund: the refund already sent gives the money back.
    "cancelled reserved, charged late": Scenario(
        "reserved cancel charged released refunded",
        "PENDING RESERVED CANCELLING CANCELLED",
        payments=1,
        releases=1,
        refunds=1,
    ),
    "cancelled reserved, refunded before charged": Scenario(
        "reserved cancel refunded charged released",
        "PENDING RESERVED CANCELLING CANCELLED",
        payments=1,
        releases=1,
        refunds=1,
    ),
    "cancelled reserved, charged after cancelled": Scenario(
        "reserved cancel released refunded charged",
        "PENDING RESERVED CANCELLING CANCELLED",
        payments=1,
        releases=1,
        refunds=1,
    ),
    # wallet handled the refund first (a void), so it refused the charge.
    "cancelled reserved, charge voided": Scenario(
        "reserved cancel refunded payment_refused released",
        "PENDING RESERVED CANCELLING CANCELLED",
        payments=1,
        releases=1,
        refunds=1,
    ),
    "cancelled paid": Scenario(
        "reserved charged cancel released refunded",
        "PENDING RESERVED PAID CANCELLING CANCELLED",
        payments=1,
        releases=1,
        refunds=1,
    ),
    "cancelled paid, refunded first": Scenario(
        "reserved charged cancel refunded released",
        "PENDING RESERVED PAID CANCELLING CANCELLED",
        payments=1,
        releases=1,
        refunds=1,
    ),
    "reservation timed out": Scenario("deadline released", "PENDING CANCELLING CANCELLED", releases=1),
    "reservation timed out, reserved late": Scenario(
        "deadline reserved released", "PENDING CANCELLING CANCELLED", releases=1
    ),
    "payment timed out": Scenario(
        "reserved deadline refunded released",
        "PENDING RESERVED CANCELLING CANCELLED",
        payments=1,
        releases=1,
        refunds=1,
    ),
    "payment timed out, charged late": Scenario(
        "reserved deadline charged released refunded",
        "PENDING RESERVED CANCELLING CANCELLED",
        payments=1,
        releases=1,
        refunds=1,
    ),
    "undo sent again by the sweeper": Scenario(
        "reserved cancel deadline released refunded",
        "PENDING RESERVED CANCELLING CANCELLED",
        payments=1,
        releases=2,
        refunds=2,
    ),
    "undo sent again, charged late": Scenario(
        "reserved cancel deadline charged refunded released",
        "PENDING RESERVED CANCELLING CANCELLED",
        payments=1,
        releases=2,
        refunds=2,
    ),
    # Three sends (TIMING) and no answer: an operator's case; answers arriving afterwards change nothing.
    "undo never confirmed": Scenario(
        "reserved cancel deadline deadline deadline released refunded",
        "PENDING RESERVED CANCELLING COMPENSATION_FAILED",
        payments=1,
        releases=3,
        refunds=3,
    ),
}

LATE_SUCCESS_RESENDS_UNDO = (
    "A StockReserved or PaymentCharged reaching a CANCELLING order (saga.on_stock_reserved and"
    " saga.on_payment_charged, CANCELLING branch) sends the release or refund again, although the one sent when"
    " the order was cancelled covers it: catalog refuses a reservation after a release, and wallet a charge after"
    " a refund (a void), so this reply means the participant acted first and the undo on its way will undo it."
)


def sequence(events: list[Event]) -> str:
    return ", ".join(event.envelope.type.removeprefix("orders.") for event in events)


@pytest.mark.parametrize("delivery", DELIVERIES)
@pytest.mark.parametrize("name", SCENARIOS)
async def test_every_reply_repeated_or_reordered_moves_the_order_once(
    orders: OrdersService,
    orders_database: Database,
    clock: FakeClock,
    catalog: FakeCatalog,
    name: str,
    delivery: str,
) -> None:
    """However each reply is repeated, the order takes the scenario's path and orders sends each command as often
    as the scenario says: the participants act on every command they get, so a command too many is an effect
    too many unless they happen to guard against it."""
    scenario = SCENARIOS[name]
    run = await SagaRun.place(orders, orders_database, clock, catalog)

    await play(run, scenario.steps.split(), DELIVERIES[delivery])

    expected_timeline = [OrderStatus(status) for status in scenario.timeline.split()]
    events = await run.published()
    sent = Counter(event.envelope.type for event in events)
    announced = [event.payload.status for event in events if isinstance(event.payload, orders_pb2.OrderStatusChanged)]
    assert await run.timeline() == expected_timeline
    assert (await run.current()).status is expected_timeline[-1]
    assert announced == [status.value for status in expected_timeline], "one OrderStatusChanged per status taken"
    assert sent[RESERVE] == 1, f"orders asks catalog for the stock exactly once; it published {sequence(events)}"
    assert sent[PAY] == scenario.payments, f"orders asks wallet for the money at most once: {sequence(events)}"
    assert (sent[RELEASE], sent[REFUND]) == (scenario.releases, scenario.refunds), (
        f"expected {scenario.releases} StockReleaseRequested and {scenario.refunds} RefundRequested (one per"
        f" compensation round), orders published: {sequence(events)}. {LATE_SUCCESS_RESENDS_UNDO}"
    )


# -- a reply racing a cancellation for the order's lock ------------------------------------------------------


class PausingRepository(OrderRepository):
    """Runs the test's interlude right after reading an order for update, inside the reading transaction."""

    def __init__(self, session: AsyncSession, interlude: Interlude) -> None:
        super().__init__(session)
        self.interlude = interlude

    async def get(self, order_id: uuid.UUID, *, for_update: bool = False) -> Order | None:
        order = await super().get(order_id, for_update=for_update)
        if for_update:
            await self.interlude()
        return order


@dataclass
class Interlude:
    """Something to run once, the next time a transaction has just read an order for update."""

    action: Callable[[], Awaitable[None]] | None = None

    async def __call__(self) -> None:
        action, self.action = self.action, None
        if action is not None:
            await action()


class InterleavedUnitOfWork(OrdersUnitOfWork):
    def __init__(self, database: Database, interlude: Interlude) -> None:
        super().__init__(database)
        self.interlude = interlude

    def bind(self, session: AsyncSession) -> None:
        self.orders = PausingRepository(session, self.interlude)


LOCK_WAIT = 0.3
"""How long the racing reply gets to finish while the order is read for update: with a real lock it cannot."""


@dataclass(frozen=True)
class Race:
    """After `before`, the customer or the sweeper (`racer`) reads the order for update, and `reply` arrives while
    it holds the order; `after` follows. Under the order's lock they take turns, so the result must be that of
    the racer going first or of the reply going first. `harm` says what it costs when they do not."""

    before: str
    racer: str
    reply: str
    after: str
    harm: str

    def in_turn(self, racer_first: bool) -> list[str]:
        middle = [self.racer, self.reply] if racer_first else [self.reply, self.racer]
        return [*self.before.split(), *middle, *self.after.split()]


PAYMENT_NEVER_REFUNDED = "orders asked wallet for the payment and never for its refund, and the order ends CANCELLED"
CANCELLED_TWICE = "the CANCELLED order is brought back to CANCELLING and cancelled again (twice in its timeline)"
RACES = {
    # Reply first: the cancellation refunds the payment asked for. Racer first: no payment is asked for.
    "customer cancels as the stock is reserved": Race("", "cancel", "reserved", "released", PAYMENT_NEVER_REFUNDED),
    "sweeper times out as the stock is reserved": Race("", "deadline", "reserved", "released", PAYMENT_NEVER_REFUNDED),
    # Reply first: the order is CANCELLED and stays so. Racer first: the refusal ends the cancellation.
    "customer cancels as the stock is refused": Race("", "cancel", "out_of_stock", "released", CANCELLED_TWICE),
    # The sweeper resends the release just as the first one is confirmed; the resent one is confirmed after.
    "sweeper resends the undo as it is confirmed": Race(
        "reserved payment_refused", "deadline", "released", "released", CANCELLED_TWICE
    ),
}


@dataclass(frozen=True)
class Result:
    """Where an order ended and everything orders sent for it, without the times."""

    status: str
    stock: str
    payment: str
    timeline: list[str]
    sent: dict[str, int]


async def result_of(run: SagaRun) -> Result:
    order = await run.current()
    sent = Counter(event.envelope.type.removeprefix("orders.") for event in await run.published())
    timeline = [status.value for status in await run.timeline()]
    return Result(order.status.value, order.stock.value, order.payment.value, timeline, dict(sent))


@pytest.mark.parametrize("name", RACES)
async def test_a_reply_racing_a_cancellation_or_the_sweeper_takes_its_turn(
    orders: OrdersService, orders_database: Database, clock: FakeClock, catalog: FakeCatalog, name: str
) -> None:
    """The race is played with the reply landing inside the racer's transaction, then each serial order is played
    on an order of its own: the raced order must end as one of those."""
    race = RACES[name]
    interlude = Interlude()
    interleaved = orders_service(
        orders_database, catalog, clock, lambda database: InterleavedUnitOfWork(database, interlude)
    )
    run = await SagaRun.place(interleaved, orders_database, clock, catalog)
    await play(run, race.before.split(), None)
    racing: list[asyncio.Task[None]] = []

    async def reply_lands() -> None:
        racing.append(asyncio.create_task(run.deliver(run.reply(race.reply))))
        await asyncio.wait(racing, timeout=LOCK_WAIT)

    interlude.action = reply_lands
    await ACTIONS[race.racer](run)
    await asyncio.gather(*racing)
    await play(run, race.after.split(), None)
    raced = await result_of(run)

    in_turn = []
    for racer_first in (True, False):
        serial = await SagaRun.place(orders, orders_database, clock, catalog)
        await play(serial, race.in_turn(racer_first), None)
        in_turn.append(await result_of(serial))
    assert raced in in_turn, (
        f"the {race.racer} and {race.reply} did not take turns: the {race.racer} read the order, {race.reply} was"
        f" applied meanwhile, and the {race.racer} then wrote its stale state over it: {race.harm}. On SQLite"
        " `OrderRepository.get(for_update=True)` locks nothing (pysqlite begins the transaction at the first"
        " write), so OrdersService._advance_visible (cancel) and OrdersService.sweep read, then write, unlocked."
    )
