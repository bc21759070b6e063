"""What a running service records beyond its RPCs: each delivery it handles, and gauges sampled from its stores."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from opentelemetry.trace import SpanKind

from services.platform import metrics, tracing
from services.platform.bus import Bus, Message, Subscription
from services.platform.db import Database
from services.platform.events import trace_context_of
from services.platform.outbox import outbox_backlog


def observed(subscription: Subscription) -> Subscription:
    """The subscription with each delivery counted, timed and, when tracing is on, traced: a consumer span
    continuing the trace in the event's envelope."""
    queue, handler = subscription.queue, subscription.handler
    handled, failed = (metrics.EVENTS_HANDLED.labels(queue, outcome) for outcome in ("ok", "failed"))
    duration = metrics.EVENT_HANDLING_DURATION.labels(queue)

    async def handle(message: Message) -> None:
        started = time.perf_counter()
        try:
            if tracing.enabled():
                attributes = {"messaging.system": "rabbitmq", "messaging.destination.name": queue,
                              "messaging.message.id": message.message_id}  # fmt: skip
                with tracing.span(f"process {message.routing_key}", SpanKind.CONSUMER, trace_context_of(message),
                                  attributes):  # fmt: skip
                    await handler(message)
            else:
                await handler(message)
        except Exception:
            failed.inc()
            raise
        else:
            handled.inc()
        finally:
            duration.observe(time.perf_counter() - started)

    return replace(subscription, handler=handle)


def store_sampler(service: str, database: Database, bus: Bus, queues: Sequence[str]) -> metrics.Sample:
    """Samples the service's outbox backlog, its connection pool and its queues' depths into the gauges."""
    backlog, oldest = metrics.OUTBOX_BACKLOG.labels(service), metrics.OUTBOX_OLDEST_AGE.labels(service)
    in_use, idle = (metrics.POOL_CONNECTIONS.labels(service, state) for state in ("in_use", "idle"))

    async def sample() -> None:
        pool = database.engine.pool
        in_use.set(getattr(pool, "checkedout", lambda: 0)())
        idle.set(getattr(pool, "checkedin", lambda: 0)())
        waiting, age = await outbox_backlog(database)
        backlog.set(waiting)
        oldest.set(age)
        for queue in queues:
            depth = await bus.depth(queue)
            metrics.QUEUE_DEPTH.labels(queue).set(depth.waiting)
            metrics.DEAD_LETTERS.labels(queue).set(depth.dead)

    return sample
