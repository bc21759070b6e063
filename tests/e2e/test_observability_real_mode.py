"""Traces and metrics in real mode: every service its own process, spans exported over OTLP to a collector the
test runs, Prometheus metrics scraped from each process's own port."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from typing import TypeVar

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from scripts.otlp_collector import Collector, collecting
from services.platform.settings import SERVICES
from tests.e2e.conftest import RealPlatform
from tests.support import free_port

T = TypeVar("T")

COLLECTOR_PORT = free_port()
FIRST_METRICS_PORT = free_port()
CALLER_TRACE = uuid.uuid4().hex

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize(
        "real_platform",
        [
            {
                "AGORA_TRACING": "otlp",
                "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{COLLECTOR_PORT}",
                "OTEL_EXPORTER_OTLP_INSECURE": "true",
                "OTEL_BSP_SCHEDULE_DELAY": "100",  # ms: spans leave each process soon after they end
                # `agora up` gives each service the next port from here, in SERVICES order.
                "AGORA_METRICS_PORT": str(FIRST_METRICS_PORT),
            }
        ],
        indirect=True,
    ),
]


@pytest.fixture(scope="module")
def collector() -> Iterator[Collector]:
    with collecting(COLLECTOR_PORT) as collector:
        yield collector


def until(read: Callable[[], T], done: Callable[[T], bool], what: str, timeout: float = 30.0) -> T:
    deadline = time.monotonic() + timeout
    while not done(found := read()):
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} within {timeout} s: {found!r}")
        time.sleep(0.1)
    return found


def test_one_transfer_is_one_trace_across_the_gateway_wallet_and_notifications_processes(
    collector: Collector, real_platform: RealPlatform
) -> None:
    payer, payee = (f"tracer{uuid.uuid4().hex[:8]}" for _ in range(2))
    with httpx.Client(base_url=real_platform.base_url, timeout=10) as client:
        for username in (payer, payee):
            assert client.post("/v1/auth/register", json={"username": username, "password": "tracing-pw"}).is_success
        token = client.post("/v1/auth/login", json={"username": payer, "password": "tracing-pw"}).json()
        response = client.post(
            "/v1/wallet/transfers",
            json={"to_username": payee, "amount": {"amount": 3, "currency": "COIN"}},
            headers={
                "Authorization": f"Bearer {token['access_token']}",
                "traceparent": f"00-{CALLER_TRACE}-00f067aa0ba902b7-01",
            },
        )
    assert response.status_code == 201, response.text
    assert response.headers["traceparent"].split("-")[1] == CALLER_TRACE

    spans = until(
        lambda: collector.in_trace(CALLER_TRACE),
        lambda found: {"gateway", "wallet", "notifications"} <= {service for service, _ in found},
        "spans of the transfer from the gateway, wallet and notifications",
    )
    names = {(service, span.name) for service, span in spans}
    assert ("gateway", "POST /v1/wallet/transfers") in names
    assert ("wallet", "agora.wallet.v1.WalletService/Transfer") in names
    assert ("notifications", "process wallet.transfer_completed") in names


def scrape(url: str) -> dict[str, float]:
    text = httpx.get(url, timeout=5).text
    return {
        f"{sample.name}{sorted(sample.labels.items())}": sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape_when_up(url: str) -> dict[str, float]:
    """The samples at `url`, or none while nothing listens there yet."""
    try:
        return scrape(url)
    except httpx.ConnectError:
        return {}


STATELESS = {"scoring"}
"""Services with no database, so no outbox or pool to sample."""


def stores_sampled(service: str, scraped: dict[str, float]) -> bool:
    return bool(scraped) and (service in STATELESS or f"agora_outbox_backlog[('service', '{service}')]" in scraped)


def test_every_service_process_serves_its_own_metrics(real_platform: RealPlatform) -> None:
    for number, service in enumerate(SERVICES):
        url = f"http://127.0.0.1:{FIRST_METRICS_PORT + number}/metrics"
        # A service answers its health check before its metrics server is up: refusals meanwhile are waited out.
        scraped = until(partial(scrape_when_up, url), partial(stores_sampled, service), f"{service}'s sampled gauges")
        # Each process counts its own RPCs, by method, from its start.
        assert any(name.startswith("agora_rpc_duration_seconds_count") and f"'{service}'" in name for name in scraped)
    gateway = scrape(f"{real_platform.base_url}/metrics")
    assert any(name.startswith("agora_http_requests_total") for name in gateway)
