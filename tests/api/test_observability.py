"""What the platform records of its work, read through its real entry points: traces (REST → gRPC → events),
Prometheus metrics at /metrics, and the access log."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from prometheus_client.parser import text_string_to_metric_families

from services.platform import tracing
from services.platform.settings import SERVICES, Settings
from tests.api.conftest import bearer, create_admin
from tests.api.test_orders import merch, place, settled
from tests.integration.events_support import eventually

pytestmark = pytest.mark.both_topologies
# Tests that build their own app: over gRPC, and with every call in process (LocalChannel carries the context too).
both_ways = pytest.mark.parametrize("gateway_in_process", [(), SERVICES], ids=["grpc", "in-process"])

CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_TRACEPARENT = f"00-{CALLER_TRACE}-00f067aa0ba902b7-01"


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    tracing.start_tracing(SimpleSpanProcessor(exporter), "agora")
    yield exporter
    tracing.stop_tracing()


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"metrics_sample_seconds": 0.05})


@pytest.fixture
async def traced_api(
    spans: InMemorySpanExporter, settings: Settings, gateway_in_process: tuple[str, ...]
) -> AsyncIterator[httpx.AsyncClient]:
    """The embedded platform, built while tracing is on (as `AGORA_TRACING=otlp` would have it)."""
    from services.embedded import embedded_app

    await create_admin(settings)
    app = embedded_app(settings.model_copy(update={"gateway_in_process": gateway_in_process}))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://agora.test") as client,
    ):
        yield client


async def two_users(api: httpx.AsyncClient) -> dict[str, str]:
    for username in ("payer", "payee"):
        response = await api.post("/v1/auth/register", json={"username": username, "password": "observed-password"})
        assert response.status_code == 201, response.text
    return await bearer(api, "payer", "observed-password")


def in_trace(spans: InMemorySpanExporter, trace_id: str) -> list[ReadableSpan]:
    return [span for span in spans.get_finished_spans() if span.context and f"{span.context.trace_id:032x}" == trace_id]


@both_ways
async def test_one_transfer_is_one_trace_across_gateway_wallet_and_notifications(
    traced_api: httpx.AsyncClient, spans: InMemorySpanExporter
) -> None:
    payer = await two_users(traced_api)
    response = await traced_api.post(
        "/v1/wallet/transfers",
        json={"to_username": "payee", "amount": {"amount": 25, "currency": "COIN"}},
        headers=payer | {"traceparent": CALLER_TRACEPARENT},
    )
    assert response.status_code == 201, response.text
    # The caller's trace is continued, and the answer names the gateway's span in it.
    version, trace_id, span_id, flags = response.headers["traceparent"].split("-")
    assert (version, trace_id, flags) == ("00", CALLER_TRACE, "01")

    async def published_and_handled() -> bool:
        trace = in_trace(spans, CALLER_TRACE)
        published = any(span.kind is SpanKind.PRODUCER for span in trace)
        return published and any(
            span.kind is SpanKind.CONSUMER and "notifications" in str(span.attributes["messaging.destination.name"])
            for span in trace
            if span.attributes
        )

    await eventually(published_and_handled, "the relay publishing the transfer and notifications handling it")
    trace = in_trace(spans, CALLER_TRACE)
    gateway = next(span for span in trace if span.name == "POST /v1/wallet/transfers")
    assert gateway.kind is SpanKind.SERVER
    assert own_id(gateway) == span_id
    assert dict(gateway.attributes or {})["http.response.status_code"] == 201
    wallet = next(span for span in trace if span.name == "agora.wallet.v1.WalletService/Transfer")
    assert wallet.kind is SpanKind.SERVER
    assert parent_id(wallet) == own_id(gateway)
    consumer = next(span for span in trace if span.name == "process wallet.transfer_completed")
    # The event was written inside the wallet's RPC: the relay's publishing and its consumers continue from there.
    assert parent_id(consumer) == own_id(wallet)
    relay = next(span for span in trace if span.name == "send wallet.transfer_completed")
    assert relay.kind is SpanKind.PRODUCER
    assert parent_id(relay) == own_id(wallet)


def own_id(span: ReadableSpan) -> str | None:
    return f"{span.context.span_id:016x}" if span.context else None


def parent_id(span: ReadableSpan) -> str | None:
    return f"{span.parent.span_id:016x}" if span.parent else None


@both_ways
async def test_a_request_without_traceparent_starts_a_trace_of_its_own(
    traced_api: httpx.AsyncClient, spans: InMemorySpanExporter
) -> None:
    first = await traced_api.get("/v1/products", params={"limit": 1})
    second = await traced_api.get("/v1/products", params={"limit": 1})
    first_trace, second_trace = (response.headers["traceparent"].split("-")[1] for response in (first, second))
    assert first_trace != second_trace
    assert {span.name for span in in_trace(spans, first_trace)} >= {
        "GET /v1/products",
        "agora.catalog.v1.CatalogService/ListProducts",
    }


async def test_tracing_off_reads_and_writes_no_trace_header(api: httpx.AsyncClient) -> None:
    response = await api.get("/v1/products", params={"limit": 1}, headers={"traceparent": CALLER_TRACEPARENT})
    assert response.status_code == 200
    assert "traceparent" not in response.headers


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(scraped: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    wanted = set(labels.items())
    return sum(found for (sample, found_labels), found in scraped.items() if sample == name and wanted <= found_labels)


async def scrape(api: httpx.AsyncClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = await api.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


async def test_metrics_count_requests_by_route_rpcs_by_code_and_events_by_queue(api: httpx.AsyncClient) -> None:
    before = await scrape(api)
    payer = await two_users(api)
    missing = "/v1/products/00000000-0000-7000-8000-000000000000"
    assert (await api.get(missing)).status_code == 404
    assert (await api.get("/no/such/path/at/all")).status_code == 404
    transfer = {"to_username": "payee", "amount": {"amount": 5, "currency": "COIN"}}
    assert (await api.post("/v1/wallet/transfers", json=transfer, headers=payer)).status_code == 201

    after = before

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    async def transfer_event_published() -> bool:
        nonlocal after
        after = await scrape(api)
        return grew("agora_events_published_total", service="wallet") >= 1

    await eventually(transfer_event_published, "the wallet's relay publishing the transfer's event, counted")

    assert grew("agora_http_requests_total", method="POST", route="/v1/wallet/transfers", status="201") == 1
    assert grew("agora_http_requests_total", method="GET", route="/v1/products/{product_id}", status="404") == 1
    # Paths no route knows are one label, so no client can grow the metrics without bound.
    assert grew("agora_http_requests_total", route="unmatched", status="404") == 1
    assert not any("/no/such/path" in str(labels) for _, labels in after)
    assert grew("agora_http_request_duration_seconds_count", route="/v1/wallet/transfers") == 1
    assert grew("agora_rpc_requests_total", service="wallet", method="Transfer", code="OK") == 1
    assert grew("agora_rpc_requests_total", service="catalog", method="GetProduct", code="NOT_FOUND") == 1
    assert grew("agora_errors_total", service="catalog", code="product_not_found") == 1
    # The health checks the gateway's /readyz and the services' probes make are not RPCs anyone asked for.
    assert (await api.get("/readyz")).status_code == 200
    assert value(await scrape(api), "agora_rpc_requests_total", method="Check") == 0
    assert grew("agora_events_handled_total", queue="agora.notifications.user-events", outcome="ok") >= 1
    assert grew("agora_event_handling_duration_seconds_count", queue="agora.notifications.user-events") >= 1


async def test_metrics_sample_the_stores_of_every_service(api: httpx.AsyncClient) -> None:
    buyer = await two_users(api)
    products = await merch(api)
    placed = await place(api, buyer, [{"product_id": products["pen"], "quantity": 1}])
    assert placed.status_code == 201, placed.text
    assert (await settled(api, buyer, placed.json()["id"]))["status"] == "PAID"

    async def sampled() -> bool:
        scraped = await scrape(api)
        gauges = all(
            ("agora_outbox_backlog", frozenset({("service", name)})) in scraped for name in ("wallet", "orders")
        )
        return gauges and value(scraped, "agora_saga_states", saga="order", state="PAID") == 1

    await eventually(sampled, "every service's outbox gauges sampled")
    scraped = await scrape(api)
    assert ("agora_db_pool_connections", frozenset({("service", "wallet"), ("state", "in_use")})) in scraped
    queues = {dict(labels)["queue"] for name, labels in scraped if name == "agora_queue_depth"}
    assert "agora.notifications.user-events" in queues
    assert value(scraped, "agora_dead_letters", queue="agora.notifications.user-events") == 0
    assert value(scraped, "agora_saga_states", saga="order", state="PENDING") == 0


async def test_every_request_has_one_access_log_line(api: httpx.AsyncClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="agora.access"):
        response = await api.get("/v1/products", params={"limit": 1}, headers={"X-Request-Id": "access-1"})
    assert response.status_code == 200
    [line] = [record for record in caplog.records if record.name == "agora.access"]
    assert line.levelno == logging.INFO
    fields = vars(line)
    assert (fields["method"], fields["route"], fields["path"], fields["status"]) == ("GET", "/v1/products",
                                                                                       "/v1/products", 200)  # fmt: skip
    assert fields["duration_ms"] > 0


async def test_a_slow_request_is_a_warning_even_with_access_logs_off(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    from services.embedded import embedded_app

    app = embedded_app(settings.model_copy(update={"access_log": False, "slow_request_seconds": 0.0}))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://agora.test") as client,
    ):
        with caplog.at_level(logging.INFO, logger="agora.access"):
            assert (await client.get("/healthz")).status_code == 200
    [line] = [record for record in caplog.records if record.name == "agora.access"]
    assert line.levelno == logging.WARNING
    assert line.getMessage().startswith("slow request GET /healthz 200")
