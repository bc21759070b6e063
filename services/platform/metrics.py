"""Prometheus metrics: what every process counts, the gauges sampled from its stores, and where they are served.

The gateway serves `/metrics` on its own port (in embedded mode that covers every service, all in one process);
a service run alone serves it on `AGORA_METRICS_PORT`. Counters and histograms are updated where the work
happens; the gauges that need a query (outbox backlog, queue depths, saga states) are sampled by each running
service every `AGORA_METRICS_SAMPLE_SECONDS`, never on the scrape.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from prometheus_client import Counter, Gauge, Histogram, disable_created_metrics, start_http_server

log = logging.getLogger(__name__)

# A `_created` series beside every counter doubles what is stored, for no dashboard.
disable_created_metrics()  # type: ignore[no-untyped-call]

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

HTTP_REQUESTS = Counter("agora_http_requests", "HTTP requests answered by the gateway", ["method", "route", "status"])
HTTP_DURATION = Histogram(
    "agora_http_request_duration_seconds",
    "Time from a request's first byte to its response's last",
    ["method", "route"],
    buckets=LATENCY_BUCKETS,
)
RPCS = Counter("agora_rpc_requests", "gRPC calls a service answered", ["service", "method", "code"])
RPC_DURATION = Histogram(
    "agora_rpc_duration_seconds", "Time a service took to answer a gRPC call", ["service", "method"],
    buckets=LATENCY_BUCKETS,
)  # fmt: skip
ERRORS = Counter("agora_errors", "Errors answered to callers, by their stable code", ["service", "code"])
EVENTS_HANDLED = Counter(
    "agora_events_handled", "Event deliveries a consumer handled (ok) or failed (retried or dead-lettered)",
    ["queue", "outcome"],
)  # fmt: skip
EVENT_HANDLING_DURATION = Histogram(
    "agora_event_handling_duration_seconds", "Time a consumer took to handle one delivery", ["queue"],
    buckets=LATENCY_BUCKETS,
)  # fmt: skip
EVENTS_PUBLISHED = Counter("agora_events_published", "Events the outbox relay published", ["service"])
OUTBOX_BACKLOG = Gauge("agora_outbox_backlog", "Events committed but not yet published", ["service"])
OUTBOX_OLDEST_AGE = Gauge(
    "agora_outbox_oldest_age_seconds", "Age of the oldest unpublished event (0: none)", ["service"]
)
QUEUE_DEPTH = Gauge("agora_queue_depth", "Deliveries waiting in a consumer's queue (its lag)", ["queue"])
DEAD_LETTERS = Gauge("agora_dead_letters", "Deliveries in a queue's dead letters, waiting for an operator", ["queue"])
POOL_CONNECTIONS = Gauge(
    "agora_db_pool_connections", "A service's database connections, in use or idle", ["service", "state"]
)
SAGA_STATES = Gauge("agora_saga_states", 'Sagas by state (saga="order": orders by status)', ["saga", "state"])

Sample = Callable[[], Awaitable[None]]


async def sample_forever(sample: Sample, interval: float) -> None:
    """Runs a gauge sample every `interval` seconds; a failing one (a store away) keeps the last values."""
    while True:
        try:
            await sample()
        except Exception as error:
            log.debug("metrics sample failed: %r", error)
        await asyncio.sleep(interval)


def serve_metrics(port: int, host: str) -> None:
    """Serves `/metrics` over HTTP on a thread of its own (a service run alone). A port taken is logged, not
    fatal: the service serves its callers without metrics rather than not at all."""
    try:
        start_http_server(port, addr=host)
    except OSError as error:
        log.error("cannot serve metrics on %s:%d: %s", host, port, error)
        return
    log.info("metrics on %s:%d/metrics", host, port)
