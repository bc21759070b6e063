"""The order saga survives crashes and a participant that stops answering: real PostgreSQL and RabbitMQ, every
service its own process (tests/e2e/processes.py).

Buyers place a stream of orders (a scarce product runs out, some buyers cannot pay) while orders, wallet or
catalog is killed with kill -9 at some moment, or kills itself at an exact point through a failpoint
(services/platform/failpoints.py): after a commit and before its publish, after a publish and before the outbox
rows are deleted (the events go out again on restart), after a handler's commit and before its ack (the delivery
comes back). Once the service runs again, every order must end PAID or CANCELLED and nothing may be lost or done
twice:

- for each product, stock + reserved + sold is its initial stock (read in catalog's database), with nothing left
  reserved and exactly the PAID units sold, so a cancelled order's units are back in stock;
- for each buyer, the balance is the initial one minus what their PAID orders cost: balance + paid - refunded is
  constant, as a cancelled order was never charged or was refunded;
- a PAID order's hold is sold, a cancelled order's holds nothing;
- each order placed exists once, however often its placement was retried.
"""

from __future__ import annotations

import asyncio
import itertools
import signal
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import asyncpg
import httpx
import pytest

from services.catalog.domain import StockPosition
from tests.e2e.conftest import ADMIN
from tests.e2e.processes import Platform, running_platform

pytestmark = pytest.mark.e2e

Order = dict[str, Any]
"""An order as the REST API shows it."""

SETTINGS = {
    # Each process opens at most 8 connections: the platform's processes share
    # PostgreSQL's 100 connections with whatever else runs on the server.
    "AGORA_DATABASE_POOL_SIZE": "8",
    # An unconfirmed undo (release, refund) is sent again after 0.5, 1, 2, 4 ... s, 8 times (about 45 s) before
    # the order is COMPENSATION_FAILED: much longer than any outage here, so that status is a failure.
    "AGORA_ORDER_RETRY_BASE_SECONDS": "0.5",
    "AGORA_ORDER_MAX_COMPENSATION_ATTEMPTS": "8",
    "AGORA_ORDER_SWEEP_SECONDS": "0.5",
}
STEP_TIMEOUT_SECONDS = 3
"""The step timeout of the test where wallet stops answering (the platform keeps the default 15 s otherwise)."""

VICTIMS = ("orders", "wallet", "catalog")
FAILPOINTS = ("bus.handled", "outbox.published", "outbox.publishing")
FAILPOINT_HIT = 3
"""Each failpoint kills on its 3rd pass: the restarted process first does some work, then dies mid-stream."""

PASSWORD = "crash-password"
RICH_BUYERS, POOR_BUYERS = 2, 2
POOR_COINS = 20
"""What a poor buyer keeps of the welcome grant: not enough for any product, so their orders fail for funds."""
PACE_SECONDS = 0.5
"""Each buyer's pause between two orders."""
PLACED_BEFORE_CRASH = 8
PLACED_AFTER_RESTART = 8
DOWN_SECONDS = 1.0
"""How long a killed service stays down while the stream goes on (and retries) without it."""

RETRY_SECONDS = 90.0
SETTLE_SECONDS = 90.0
POLL_SECONDS = 0.5
SETTLED = {"PAID", "CANCELLED", "COMPENSATION_FAILED"}
"""Where the saga leaves an order."""
TERMINAL = {"PAID", "CANCELLED"}
"""Where the saga must leave every order here: compensation never fails for good in these tests."""


@dataclass(frozen=True)
class Product:
    id: str
    stock: int
    """The units in stock when it was created."""


@dataclass(frozen=True)
class Buyer:
    id: str
    headers: dict[str, str]
    coins: int
    """The buyer's COIN balance before their first order."""


@dataclass(frozen=True)
class Shop:
    """This test's own products and buyers: the invariants are checked on them alone."""

    scarce: Product
    everyday: Product
    buyers: list[Buyer]

    @property
    def products(self) -> list[Product]:
        return [self.scarce, self.everyday]

    @property
    def basket(self) -> list[Product]:
        """What each buyer orders, one after another, round and round."""
        return [self.scarce, self.everyday, self.everyday]


@pytest.fixture(scope="module")
async def platform(
    postgres: str, redis_url: str, rabbitmq_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Platform]:
    data_dir = tmp_path_factory.mktemp("saga-crashes")
    async with running_platform(postgres, redis_url, rabbitmq_url, data_dir, SETTINGS) as running:
        yield running


@pytest.fixture(autouse=True)
async def ready(platform: Platform) -> None:
    """Each test starts on a ready platform, whatever a failed test before it left down or frozen."""
    await platform.bring_up()


# -- the crashes ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("victim", VICTIMS)
async def test_kill_9_in_the_middle_of_a_stream_of_orders(platform: Platform, victim: str) -> None:
    """kill -9 once orders are under way (some pending, some reserved, replies and commands in flight); the
    service stays down a second while buyers go on ordering, and starts again."""

    async def kill_9(stream: OrderStream) -> None:
        await stream.placed_at_least(PLACED_BEFORE_CRASH)
        platform.kill(victim)
        await asyncio.sleep(DOWN_SECONDS)
        platform.start(victim)
        await platform.serving(victim)

    await crash_while_ordering(platform, kill_9)


@pytest.mark.parametrize("victim", VICTIMS)
async def test_a_crash_between_commit_and_publish_and_between_handling_and_ack(platform: Platform, victim: str) -> None:
    """The service, restarted with a failpoint each time, dies after handling (and committing) a message but
    before acknowledging it, then after publishing an outbox batch but before deleting its rows, then after
    committing but before publishing; at last it starts without one. Its outbox sends duplicates, the broker
    redelivers: every consumer must tell them apart."""

    async def crash_at_each_failpoint(stream: OrderStream) -> None:
        await stream.placed_at_least(PLACED_BEFORE_CRASH)
        await platform.stop(victim)
        for point in FAILPOINTS:
            platform.start(victim, {"AGORA_FAILPOINTS": f"{point}={FAILPOINT_HIT}"})
            await died_at(platform, victim, point)
        platform.start(victim)
        await platform.serving(victim)

    await crash_while_ordering(platform, crash_at_each_failpoint)


async def test_a_participant_that_stops_answering_times_the_order_out_and_it_is_compensated(
    platform: Platform,
) -> None:
    """wallet frozen (SIGSTOP): the payment step times out and orders' sweeper cancels the order; the refund it
    asks for waits in wallet's queue, so the order stays CANCELLING until wallet runs again (SIGCONT). Then a
    late charge, if wallet makes one before the refund, is refunded, and the order ends CANCELLED."""
    await platform.restart("orders", {"AGORA_ORDER_STEP_TIMEOUT_SECONDS": str(STEP_TIMEOUT_SECONDS)})
    try:
        async with client_of(platform) as client:
            shop = await open_shop(client)
            platform.pause("wallet")
            try:
                placed = [await place(client, buyer, shop.everyday) for buyer in shop.buyers]
                await wait_for_orders(
                    client, shop, placed, lambda order: order["status"] in {"CANCELLING", "CANCELLED"}
                )
            finally:
                platform.resume("wallet")
            orders = await wait_for_orders(client, shop, placed, lambda order: order["status"] in SETTLED)
            await assert_nothing_lost(platform, client, shop, orders)
            reasons = Counter(order["reason"] for order in orders.values())
            # Any step may time out on a busy machine; the one wallet's freeze stalls is the payment.
            assert all(reason.startswith("timed out waiting for the") for reason in reasons), reasons
            assert reasons["timed out waiting for the payment"] > 0, reasons
            for buyer in shop.buyers:
                kinds = Counter(transaction["kind"] for transaction in await transactions(client, buyer))
                assert kinds["charge"] == kinds["refund"], kinds
    finally:
        await platform.restart("orders")


async def died_at(platform: Platform, victim: str, point: str) -> None:
    """Waits for `victim` to kill itself at the failpoint, as the stream drives it there."""
    try:
        code = await platform.exited(victim, RETRY_SECONDS)
    except TimeoutError:
        pytest.fail(f"{victim} never reached failpoint {point}:\n{platform.log_tail(victim)}")
    assert code == -signal.SIGKILL, platform.log_tail(victim)
    assert f"failpoint {point} reached" in platform.log_tail(victim)


async def crash_while_ordering(platform: Platform, crash: Callable[[OrderStream], Awaitable[None]]) -> None:
    """Runs `crash` during a stream of orders that goes on a while after it, then checks that nothing was lost."""
    async with client_of(platform) as client:
        shop = await open_shop(client)
        async with OrderStream(client, shop) as stream:
            await crash(stream)
            await stream.placed_at_least(len(stream.placed) + PLACED_AFTER_RESTART)
        orders = await wait_for_orders(client, shop, stream.placed, lambda order: order["status"] in SETTLED)
        await assert_nothing_lost(platform, client, shop, orders)
        assert_every_path_taken(orders)


# -- the shop and its buyers ---------------------------------------------------------------------------------


def client_of(platform: Platform) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=platform.base_url, timeout=30)


async def persistently(send: Callable[[], Awaitable[httpx.Response]]) -> httpx.Response:
    """Sends until the answer is not about a process being away, as the SDK retries (with the same key).

    A 5xx or a dropped connection means a service is down or restarting; a 409 idempotency_key_in_progress means
    the key's first attempt is still running. Anything else is the answer.
    """
    deadline = time.monotonic() + RETRY_SECONDS
    while True:
        try:
            response = await send()
            if response.status_code < 500 and not key_in_progress(response):
                return response
            failure = f"{response.status_code} {response.text}"
        except httpx.TransportError as error:
            failure = repr(error)
        if time.monotonic() > deadline:
            raise AssertionError(f"no answer within {RETRY_SECONDS} s; last: {failure}")
        await asyncio.sleep(0.2)


def key_in_progress(response: httpx.Response) -> bool:
    return response.status_code == 409 and response.json().get("code") == "idempotency_key_in_progress"


async def log_in(client: httpx.AsyncClient, username: str, password: str) -> dict[str, str]:
    response = await persistently(
        partial(client.post, "/v1/auth/login", json={"username": username, "password": password})
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def open_shop(client: httpx.AsyncClient) -> Shop:
    """Two products (one scarce, one plentiful) and buyers, half of them with almost no coins."""
    admin = await log_in(client, *ADMIN)
    scarce, everyday = await create_product(client, admin, 40, 2), await create_product(client, admin, 25, 1000)
    poor = [False] * RICH_BUYERS + [True] * POOR_BUYERS
    buyers = await asyncio.gather(*(new_buyer(client, keeps=POOR_COINS if is_poor else None) for is_poor in poor))
    return Shop(scarce, everyday, list(buyers))


async def create_product(client: httpx.AsyncClient, admin: dict[str, str], price: int, stock: int) -> Product:
    product = {
        "name": f"crash test {uuid.uuid4().hex[:8]}",
        "category": "crash-tests",
        "price": {"amount": price, "currency": "COIN"},
        "stock": stock,
    }
    created = await client.post("/v1/products", json=product, headers=admin)
    assert created.status_code == 201, created.text
    return Product(created.json()["id"], stock)


async def new_buyer(client: httpx.AsyncClient, keeps: int | None) -> Buyer:
    """A new user with the welcome grant, or with only `keeps` coins of it (the rest sent to the admin)."""
    username = f"buyer-{uuid.uuid4().hex[:10]}"
    registered = await client.post("/v1/auth/register", json={"username": username, "password": PASSWORD})
    assert registered.status_code == 201, registered.text
    headers = await log_in(client, username, PASSWORD)
    if keeps is not None:
        gift = {"to_username": ADMIN[0], "amount": {"amount": await coins(client, headers) - keeps, "currency": "COIN"}}
        sent = await client.post("/v1/wallet/transfers", json=gift, headers=headers | {"Idempotency-Key": username})
        assert sent.status_code == 201, sent.text
    return Buyer(registered.json()["id"], headers, await coins(client, headers))


async def coins(client: httpx.AsyncClient, headers: dict[str, str]) -> int:
    response = await persistently(partial(client.get, "/v1/wallet/balances", headers=headers))
    return int(next(item["amount"] for item in response.json()["items"] if item["currency"] == "COIN"))


async def transactions(client: httpx.AsyncClient, buyer: Buyer) -> list[dict[str, Any]]:
    response = await persistently(partial(client.get, "/v1/wallet/transactions?limit=100", headers=buyer.headers))
    items: list[dict[str, Any]] = response.json()["items"]
    return items


# -- ordering --------------------------------------------------------------------------------------------------


async def place(client: httpx.AsyncClient, buyer: Buyer, product: Product) -> str:
    """Places an order of one unit and returns its id; retried under one Idempotency-Key while a service is away."""
    body = {"items": [{"product_id": product.id, "quantity": 1}]}
    headers = buyer.headers | {"Idempotency-Key": uuid.uuid4().hex}
    placed = await persistently(partial(client.post, "/v1/orders", json=body, headers=headers))
    assert placed.status_code == 201, placed.text
    order_id: str = placed.json()["id"]
    return order_id


class OrderStream:
    """Every buyer placing orders one after another, through the shop's basket, from entering the block to
    leaving it (each buyer finishes the order under way)."""

    def __init__(self, client: httpx.AsyncClient, shop: Shop) -> None:
        self.client = client
        self.shop = shop
        self.placed: list[str] = []
        self._stopping = asyncio.Event()
        self._ordering: asyncio.Future[list[None]] | None = None

    async def __aenter__(self) -> OrderStream:
        self._ordering = asyncio.gather(*(self._orders_of(buyer) for buyer in self.shop.buyers))
        return self

    async def __aexit__(self, error_type: type[BaseException] | None, *_: object) -> None:
        assert self._ordering is not None
        if error_type is not None:  # the test failed already: its error is the one to see
            self._ordering.cancel()
            await asyncio.wait([self._ordering])
            if not self._ordering.cancelled():
                self._ordering.exception()  # retrieved, so not logged as never retrieved
            return
        self._stopping.set()
        await self._ordering

    async def _orders_of(self, buyer: Buyer) -> None:
        for product in itertools.cycle(self.shop.basket):
            if self._stopping.is_set():
                return
            self.placed.append(await place(self.client, buyer, product))
            await asyncio.sleep(PACE_SECONDS)

    async def placed_at_least(self, count: int) -> None:
        """Waits for the stream to have placed `count` orders; fails at once if a buyer could not place one."""
        assert self._ordering is not None
        deadline = time.monotonic() + RETRY_SECONDS
        while len(self.placed) < count:
            if self._ordering.done():
                self._ordering.result()  # raises what stopped the stream
            assert time.monotonic() < deadline, f"only {len(self.placed)} of {count} orders placed"
            await asyncio.sleep(0.05)


async def orders_of(client: httpx.AsyncClient, buyer: Buyer) -> list[Order]:
    """Every order of the buyer, page by page."""
    listed: list[Order] = []
    cursor = ""
    while True:
        params = {"limit": 100} | ({"cursor": cursor} if cursor else {})
        page = (await persistently(partial(client.get, "/v1/orders", params=params, headers=buyer.headers))).json()
        listed += page["items"]
        cursor = page.get("next_cursor") or ""
        if not cursor:
            return listed


async def wait_for_orders(
    client: httpx.AsyncClient, shop: Shop, placed: list[str], done: Callable[[Order], bool]
) -> dict[str, Order]:
    """Every order of the shop's buyers by id, once each placed order is `done`; they must be the placed ones."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        orders = {order["id"]: order for buyer in shop.buyers for order in await orders_of(client, buyer)}
        if all(order_id in orders and done(orders[order_id]) for order_id in placed):
            assert sorted(orders) == sorted(placed), "an order was placed twice, or one placed is missing"
            return orders
        statuses = Counter(order["status"] for order in orders.values())
        assert time.monotonic() < deadline, f"orders still under way after {SETTLE_SECONDS} s: {statuses}"
        await asyncio.sleep(POLL_SECONDS)


# -- what must hold ----------------------------------------------------------------------------------------------


async def assert_nothing_lost(
    platform: Platform, client: httpx.AsyncClient, shop: Shop, orders: dict[str, Order]
) -> None:
    statuses = Counter(order["status"] for order in orders.values())
    assert set(statuses) <= TERMINAL, statuses
    for buyer in shop.buyers:
        paid = sum(order["total"]["amount"] for order in paid_orders(orders) if order["user_id"] == buyer.id)
        assert await coins(client, buyer.headers) == buyer.coins - paid, f"buyer {buyer.id} paid {paid}"
    await assert_stock_accounted_for(platform, shop, orders)


def paid_orders(orders: dict[str, Order]) -> list[Order]:
    return [order for order in orders.values() if order["status"] == "PAID"]


async def assert_stock_accounted_for(platform: Platform, shop: Shop, orders: dict[str, Order]) -> None:
    """Every unit of each product is in stock, reserved or sold; exactly the PAID orders' units are sold, and
    nothing is reserved any more.

    catalog sells a hold when it hears of the order's PAID status, after the order reads PAID: it gets a moment.
    """
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        positions, holds = await catalog_books(platform, [product.id for product in shop.products], list(orders))
        misheld = {
            order_id: holds.get(order_id)
            for order_id, order in orders.items()
            if (holds.get(order_id) == "sold") != (order["status"] == "PAID") or holds.get(order_id) == "reserved"
        }
        if not misheld or time.monotonic() > deadline:
            break
        await asyncio.sleep(POLL_SECONDS)
    assert not misheld, f"holds of PAID orders not sold, or of cancelled ones not given back: {misheld}"
    sold = units_sold(orders)
    for product in shop.products:
        position = positions[product.id]
        assert position.stock + position.reserved + position.sold == product.stock, position
        assert position == StockPosition(product.stock - sold[product.id], 0, sold[product.id]), position


def units_sold(orders: dict[str, Order]) -> Counter[str]:
    """The units of each product in PAID orders."""
    sold: Counter[str] = Counter()
    for line in (line for order in paid_orders(orders) for line in order["lines"]):
        sold[line["product_id"]] += line["quantity"]
    return sold


async def catalog_books(
    platform: Platform, product_ids: list[str], order_ids: list[str]
) -> tuple[dict[str, StockPosition], dict[str, str]]:
    """Read in catalog's database: each product's stock position, and the state of each order's hold."""
    connection = await asyncpg.connect(platform.database_dsn("catalog"))
    try:
        positions = await connection.fetch(
            """
            SELECT p.id::text AS id, p.stock,
                   coalesce(sum(l.quantity) FILTER (WHERE h.state = 'reserved'), 0)::bigint AS reserved,
                   coalesce(sum(l.quantity) FILTER (WHERE h.state = 'sold'), 0)::bigint AS sold
            FROM products p
            LEFT JOIN stock_hold_lines l ON l.product_id = p.id
            LEFT JOIN stock_holds h ON h.order_id = l.order_id
            WHERE p.id = ANY($1::uuid[])
            GROUP BY p.id, p.stock
            """,
            product_ids,
        )
        holds = await connection.fetch(
            "SELECT order_id::text AS id, state FROM stock_holds WHERE order_id = ANY($1::uuid[])", order_ids
        )
    finally:
        await connection.close()
    return (
        {row["id"]: StockPosition(row["stock"], row["reserved"], row["sold"]) for row in positions},
        {row["id"]: row["state"] for row in holds},
    )


def assert_every_path_taken(orders: dict[str, Order]) -> None:
    """The stream went down every road of the saga: paid, refused for stock, refused for funds."""
    reasons = [order["reason"] for order in orders.values() if order["status"] == "CANCELLED"]
    assert paid_orders(orders), "no order was paid"
    assert any("out of stock" in reason for reason in reasons), reasons
    assert any("insufficient_funds" in reason for reason in reasons), reasons
