"""The broker as an operator sees it: every queue the services subscribe, and a short-lived connection to it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aio_pika
import aiormq
from aio_pika.abc import AbstractChannel, AbstractConnection

from services.catalog.entrypoints import consumer as catalog
from services.credit.entrypoints import consumer as credit
from services.customers.entrypoints import consumer as customers
from services.notifications.entrypoints import consumer as notifications
from services.operator.errors import CliError, UsageError, broker_unreachable
from services.orders.entrypoints import consumer as orders
from services.platform.bus.rabbitmq import dead_letter_queue_name
from services.platform.product_deletions import participant_queue
from services.platform.settings import Settings
from services.reviews.entrypoints import consumer as reviews
from services.wallet.entrypoints import consumer as wallet

CONNECT_TIMEOUT = 5.0

EMBEDDED = (
    "dead letters live only inside a running embedded process (AGORA_AMQP_URL is unset: events travel in-process)"
)


class _Unused:
    """Stands in for a service's use cases: building its subscriptions reads their names only, no handler runs."""

    def __getattr__(self, name: str) -> _Unused:
        return self


def queues_by_service(settings: Settings) -> dict[str, list[str]]:
    """Each consuming service's queues, from the functions its consumers are built with (no service need run)."""
    namespace = settings.event_namespace
    stand_in: Any = _Unused()
    subscribed = {
        "catalog": catalog.subscriptions(stand_in, namespace, settings.product_deletion_participants),
        "notifications": notifications.subscriptions(stand_in, namespace),
        "wallet": wallet.subscriptions(stand_in, namespace),
        "customers": customers.subscriptions(stand_in, namespace),
        "orders": orders.subscriptions(stand_in, namespace),
        "reviews": reviews.subscriptions(stand_in, namespace),
        "credit": credit.subscriptions(stand_in, stand_in, stand_in, namespace),
    }
    queues = {service: [subscription.queue for subscription in found] for service, found in subscribed.items()}
    # The product-deletion participants' queues are set up in their services' start(), by this same name.
    for participant in ("customers", "reviews"):
        queues[participant].append(participant_queue(namespace, participant))
    return queues


def known_queues(settings: Settings) -> list[str]:
    return [queue for queues in queues_by_service(settings).values() for queue in queues]


def known_queue(settings: Settings, name: str) -> str:
    """The subscribed queue `name` names (itself, or its dead letters' queue); a usage error for any other."""
    queues = known_queues(settings)
    for queue in queues:
        if name in (queue, dead_letter_queue_name(queue)):
            return queue
    raise UsageError(
        f"no service subscribes a queue {name!r} (namespace {settings.event_namespace!r})",
        "`agora dead-letters list` shows every queue; AGORA_EVENT_NAMESPACE names their prefix",
    )


@asynccontextmanager
async def connected(settings: Settings) -> AsyncIterator[AbstractConnection]:
    """A plain (not reconnecting) connection to the configured broker, closed on the way out."""
    url = settings.amqp_url
    if not url:
        raise CliError(EMBEDDED, "in real mode AGORA_AMQP_URL names the broker")
    try:
        connection = await aio_pika.connect(url, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, aiormq.exceptions.AMQPError) as error:
        raise broker_unreachable(error, url) from None
    try:
        yield connection
    finally:
        await connection.close()


@dataclass(frozen=True)
class QueueCounts:
    messages: int
    consumers: int


async def counts(connection: AbstractConnection, queue: str) -> QueueCounts | None:
    """The queue's ready messages and consumers, or None when nobody has declared it; takes no message."""
    # A channel of its own: a passive declaration of a queue that is not there closes its channel.
    channel: AbstractChannel = await connection.channel()
    try:
        declared = await channel.declare_queue(queue, passive=True)
    except aiormq.exceptions.ChannelNotFoundEntity:
        return None
    finally:
        with contextlib.suppress(Exception):
            await channel.close()
    result = declared.declaration_result
    return QueueCounts(result.message_count or 0, result.consumer_count or 0)
