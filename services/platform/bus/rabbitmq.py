"""The bus on RabbitMQ: a durable topic exchange, confirmed persistent publishes, delayed retries and dead letters."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Iterator, Sequence
from functools import partial
from typing import Any, cast

import aio_pika
import aiormq
from aio_pika.abc import (
    AbstractIncomingMessage,
    AbstractQueue,
    AbstractRobustChannel,
    AbstractRobustConnection,
    AbstractRobustExchange,
    AbstractRobustQueue,
    ConsumerTag,
)

from services.platform.bus import Handler, Message, QueueDepth, Subscription
from services.platform.bus.topics import retry_delay
from services.platform.failpoints import failpoint

log = logging.getLogger(__name__)

ATTEMPT_HEADER = "x-agora-attempt"
"""The attempt a redelivered copy is on; absent on first delivery."""
ROUTING_KEY_HEADER = "x-agora-routing-key"
"""The event's routing key, kept on copies that travel through the default exchange under a queue's name."""
ERROR_HEADER = "x-agora-error"
"""Why a dead letter's last attempt failed, for operators."""

BROADCAST_PREFETCH = 32
"""Unacknowledged messages a broadcast queue hands this process at once."""
CANCEL_TIMEOUT = 5.0
"""Seconds `close` waits to cancel a consumer; a broker that is down has nothing left to cancel."""


class PublishNotConfirmed(RuntimeError):
    """The broker did not confirm every message (nacked, unroutable or connection lost); publish again later."""


def retry_queue_name(queue: str, delay: float) -> str:
    """The queue where messages of `queue` wait out `delay` seconds before returning to it."""
    return f"{queue}.retry.{_millis(delay)}"


def _message_count(queue: AbstractQueue) -> int:
    count = queue.declaration_result.message_count
    return count if count is not None else 0


def dead_letter_queue_name(queue: str) -> str:
    """The queue that keeps the messages of `queue` whose every attempt failed."""
    return f"{queue}.dead"


def declared_queues(subscription: Subscription) -> list[str]:
    """Every queue `subscribe` declares for a subscription: itself, one delay queue per delay, its dead letters."""
    retries = [retry_queue_name(subscription.queue, delay) for delay in _retry_delays_in_use(subscription)]
    return [subscription.queue, *retries, dead_letter_queue_name(subscription.queue)]


class RabbitMqBus:
    """The Bus on a RabbitMQ broker, surviving dropped connections.

    The robust connection of aio-pika reconnects on its own and redeclares the exchange, queues and bindings and
    restarts the consumers. A publish in flight when the connection drops raises (its caller publishes again), and
    deliveries that were not acknowledged come back, so handlers must tolerate seeing a message twice.
    """

    def __init__(
        self,
        url: str,
        exchange: str = "agora.events",
        *,
        reconnect_interval: float | None = None,
        publish_timeout: float = 10.0,
    ) -> None:
        self._url = url
        self._exchange_name = exchange
        # None keeps the URL's `reconnect_interval` or aio-pika's default.
        self._reconnect_interval = reconnect_interval
        self._publish_timeout = publish_timeout
        self._start_lock = asyncio.Lock()
        self._connection: AbstractRobustConnection | None = None
        self._publishing: tuple[AbstractRobustChannel, AbstractRobustExchange] | None = None
        self._consumers: list[tuple[AbstractRobustQueue, ConsumerTag]] = []
        self._in_flight: set[asyncio.Task[Any]] = set()
        self._closed = False

    async def start(self) -> None:
        async with self._start_lock:
            if self._closed:
                raise RuntimeError("the bus is closed")
            if self._connection is not None:
                return
            connection = await aio_pika.connect_robust(
                self._url,
                reconnect_interval=self._reconnect_interval,
                client_properties={"connection_name": f"agora bus on {self._exchange_name}"},
            )
            try:
                channel = await self._open_channel(connection, prefetch=None)
                exchange = await self._declare_exchange(channel)
            except BaseException:
                await connection.close()
                raise
            self._connection, self._publishing = connection, (channel, exchange)

    async def ping(self) -> None:
        if self._connection is None or self._connection.is_closed:
            raise ConnectionError("not connected to the broker")

    async def publish(self, messages: Sequence[Message]) -> None:
        if not messages:
            return
        channel, _ = await self._publisher()
        try:
            # Waits out a short reconnection instead of failing at once.
            await asyncio.wait_for(channel.ready(), self._publish_timeout)
        except TimeoutError as error:
            raise PublishNotConfirmed(f"no connection to the broker within {self._publish_timeout}s") from error
        # Straight to the underlying aiormq channel without waiting for each frame to drain, so a batch is written
        # back to back and its confirms are awaited together (aio-pika's publish holds the channel per message).
        # Not mandatory: an event no queue is bound to is dropped, which is no reason to publish again.
        underlay = cast(aiormq.Channel, await channel.get_underlay_channel())  # `wait` is on the concrete class
        confirmations = await asyncio.gather(
            *(
                underlay.basic_publish(
                    message.body,
                    exchange=self._exchange_name,
                    routing_key=message.routing_key,
                    properties=_outgoing(message).properties,
                    timeout=self._publish_timeout,
                    wait=False,
                )
                for message in messages
            ),
            return_exceptions=True,
        )
        failures = [outcome for outcome in confirmations if isinstance(outcome, BaseException)]
        if failures:
            raise PublishNotConfirmed(f"{len(failures)} of {len(messages)} messages unconfirmed") from failures[0]

    async def subscribe(self, subscription: Subscription) -> None:
        connection = await self._connected()
        channel = await self._open_channel(connection, prefetch=subscription.prefetch)
        try:
            # Declared on this channel too, so a reconnection restores the exchange before the bindings need it.
            exchange = await self._declare_exchange(channel)
            queue = await channel.declare_queue(subscription.queue, durable=True)
            for delay in _retry_delays_in_use(subscription):
                await channel.declare_queue(
                    retry_queue_name(subscription.queue, delay),
                    durable=True,
                    arguments={
                        "x-message-ttl": _millis(delay),
                        "x-dead-letter-exchange": "",
                        "x-dead-letter-routing-key": subscription.queue,
                    },
                )
            await channel.declare_queue(dead_letter_queue_name(subscription.queue), durable=True)
            for routing_key in subscription.routing_keys:
                await queue.bind(exchange, routing_key)
            tag = await queue.consume(partial(self._on_delivery, subscription, channel))
        except BaseException:
            with contextlib.suppress(Exception):
                await channel.close()
            raise
        self._consumers.append((queue, tag))

    async def broadcast(self, routing_keys: Sequence[str], handler: Handler) -> None:
        connection = await self._connected()
        channel = await self._open_channel(connection, prefetch=BROADCAST_PREFETCH)
        try:
            exchange = await self._declare_exchange(channel)
            # Named here rather than by the server, so that a reconnection can declare it again under its name.
            name = f"{self._exchange_name}.broadcast.{uuid.uuid4().hex}"
            queue = await channel.declare_queue(name, exclusive=True, auto_delete=True)
            for routing_key in routing_keys:
                await queue.bind(exchange, routing_key)
            tag = await queue.consume(partial(self._on_broadcast, handler))
        except BaseException:
            with contextlib.suppress(Exception):
                await channel.close()
            raise
        self._consumers.append((queue, tag))

    async def dead_letters(self, queue: str) -> list[Message]:
        channel, _ = await self._publisher()
        dead = await channel.declare_queue(dead_letter_queue_name(queue), durable=True, robust=False)
        taken: list[Message] = []
        while (incoming := await dead.get(no_ack=False, fail=False)) is not None:
            taken.append(_message_of(incoming))
            await incoming.ack()
        return taken

    async def depth(self, queue: str) -> QueueDepth:
        # A channel of its own: a passive declaration of a queue not there (yet) closes its channel.
        channel = await (await self._connected()).channel()
        try:
            waiting = await channel.declare_queue(queue, passive=True, robust=False)
            dead = await channel.declare_queue(dead_letter_queue_name(queue), passive=True, robust=False)
            return QueueDepth(_message_count(waiting), _message_count(dead))
        finally:
            with contextlib.suppress(Exception):
                await channel.close()

    async def close(self) -> None:
        """Cancels the consumers, waits for the handlers in progress (and their retries), then disconnects."""
        self._closed = True
        consumers, self._consumers = self._consumers, []
        for queue, tag in consumers:
            try:
                await asyncio.wait_for(queue.cancel(tag), CANCEL_TIMEOUT)
            except Exception as error:
                log.info("Could not cancel consumer %s on %s: %r", tag, queue.name, error)
        handlers = self._in_flight - {asyncio.current_task()}
        await asyncio.gather(*handlers, return_exceptions=True)
        connection, self._connection, self._publishing = self._connection, None, None
        if connection is not None:
            await connection.close()

    async def _connected(self) -> AbstractRobustConnection:
        await self.start()
        assert self._connection is not None
        return self._connection

    async def _publisher(self) -> tuple[AbstractRobustChannel, AbstractRobustExchange]:
        await self.start()
        assert self._publishing is not None
        return self._publishing

    async def _open_channel(self, connection: AbstractRobustConnection, prefetch: int | None) -> AbstractRobustChannel:
        # Confirms on every channel: consumers publish retries and dead letters before acknowledging.
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        if prefetch is not None:
            await channel.set_qos(prefetch_count=prefetch)
        return channel

    async def _declare_exchange(self, channel: AbstractRobustChannel) -> AbstractRobustExchange:
        return await channel.declare_exchange(self._exchange_name, aio_pika.ExchangeType.TOPIC, durable=True)

    async def _on_delivery(
        self, subscription: Subscription, channel: AbstractRobustChannel, incoming: AbstractIncomingMessage
    ) -> None:
        with self._tracked():
            message = _message_of(incoming)
            try:
                await subscription.handler(message)
            except Exception as error:
                await self._after_failure(subscription, channel, incoming, message, error)
            else:
                failpoint("bus.handled")  # crash tests: handled and committed, not acknowledged (redelivered)
                await _settle(incoming.ack(), message)

    async def _after_failure(
        self,
        subscription: Subscription,
        channel: AbstractRobustChannel,
        incoming: AbstractIncomingMessage,
        message: Message,
        error: Exception,
    ) -> None:
        """Moves a copy to its delay queue (or to the dead letters) and only then acknowledges the original."""
        headers: dict[str, Any] = {ROUTING_KEY_HEADER: message.routing_key}
        if message.attempt < subscription.max_attempts:
            delay = retry_delay(subscription.retry_delays, message.attempt)
            target = retry_queue_name(subscription.queue, delay)
            headers[ATTEMPT_HEADER] = message.attempt + 1
            log.warning(
                "Handling %s (%s) from %s failed on attempt %d; retrying in %.3gs: %r",
                message.message_id,
                message.routing_key,
                subscription.queue,
                message.attempt,
                delay,
                error,
            )
        else:
            target = dead_letter_queue_name(subscription.queue)
            headers[ATTEMPT_HEADER] = message.attempt
            headers[ERROR_HEADER] = repr(error)[:1000]
            log.error(
                "Handling %s (%s) from %s failed %d times; dead-lettered",
                message.message_id,
                message.routing_key,
                subscription.queue,
                message.attempt,
                exc_info=error,
            )
        try:
            await channel.default_exchange.publish(
                _outgoing(message, headers), target, mandatory=True, timeout=self._publish_timeout
            )
        except Exception as publish_error:
            log.error(
                "Could not move %s to %s (%r); it goes back to its queue", message.message_id, target, publish_error
            )
            await _settle(incoming.nack(requeue=True), message)
        else:
            await _settle(incoming.ack(), message)

    async def _on_broadcast(self, handler: Handler, incoming: AbstractIncomingMessage) -> None:
        with self._tracked():
            message = _message_of(incoming)
            try:
                await handler(message)
            except Exception:
                log.exception("Broadcast handler failed on %s (%s); dropped", message.message_id, message.routing_key)
            await _settle(incoming.ack(), message)

    @contextlib.contextmanager
    def _tracked(self) -> Iterator[None]:
        """Counts the current handler as in flight, so that `close` waits for it."""
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            yield
        finally:
            if task is not None:
                self._in_flight.discard(task)


def _outgoing(message: Message, headers: dict[str, Any] | None = None) -> aio_pika.Message:
    return aio_pika.Message(
        message.body,
        message_id=message.message_id,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        headers=headers,
    )


def _message_of(incoming: AbstractIncomingMessage) -> Message:
    headers = incoming.headers or {}
    attempt = headers.get(ATTEMPT_HEADER)
    routing_key = headers.get(ROUTING_KEY_HEADER)
    if isinstance(routing_key, bytes):
        routing_key = routing_key.decode()
    return Message(
        routing_key=routing_key if isinstance(routing_key, str) else incoming.routing_key or "",
        body=incoming.body,
        message_id=incoming.message_id or "",
        attempt=attempt if isinstance(attempt, int) and attempt >= 1 else 1,
    )


async def _settle(settlement: Awaitable[None], message: Message) -> None:
    """Acknowledges (or rejects); on a lost channel the broker redelivers the message instead."""
    try:
        await settlement
    except Exception as error:
        log.info("Could not settle %s (%r); the broker will redeliver it", message.message_id, error)


def _retry_delays_in_use(subscription: Subscription) -> list[float]:
    """The distinct delays (by whole milliseconds) before attempts 2 to max_attempts, in order."""
    delays: dict[int, float] = {}
    for failed_attempt in range(1, subscription.max_attempts):
        delay = retry_delay(subscription.retry_delays, failed_attempt)
        delays.setdefault(_millis(delay), delay)
    return list(delays.values())


def _millis(delay: float) -> int:
    return max(0, round(delay * 1000))
