"""Retries: which failures are retried, how long the runtime waits, and the idempotency key each call carries."""

from __future__ import annotations

import email.utils
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from agora_sdk import (
    Agora,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    ServiceUnavailableError,
    UnprocessableEntityError,
)
from agora_sdk.models import Price
from tests.sdk.fakes import BASE_URL, PRODUCT_ID, FakeAPI, deletion_json, fail, ok, problem, product_json

PRICE = Price(amount=1200, currency="USD")


def make_client(
    api: FakeAPI, *, max_retries: int = 2, initial_retry_delay: float = 0.0, max_retry_delay: float = 8.0
) -> Agora:
    return Agora(
        base_url=BASE_URL,
        max_retries=max_retries,
        initial_retry_delay=initial_retry_delay,
        max_retry_delay=max_retry_delay,
        http_client=httpx.Client(transport=api.transport()),
    )


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The delays the runtime sleeps for, recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(time, "sleep", recorded.append)
    return recorded


def create(client: Agora) -> object:
    return client.catalog.products.create(name="Mug", category="merch", price=PRICE)


def test_a_post_is_retried_after_503s_with_the_same_idempotency_key(api: FakeAPI, client: Agora) -> None:
    api.script(
        "POST", "/v1/products", problem(503, "unavailable"), problem(503, "unavailable"), ok(product_json(), 201)
    )

    product = client.catalog.products.create(name="Mug", category="merch", price=PRICE)

    assert str(product.id) == product_json()["id"]
    keys = [request.headers["Idempotency-Key"] for request in api.requests]
    assert len(keys) == 3
    assert len(set(keys)) == 1
    assert uuid.UUID(keys[0]).version == 4


def test_each_call_gets_its_own_idempotency_key(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/products", ok(product_json(), 201))

    create(client)
    create(client)

    first, second = (request.headers["Idempotency-Key"] for request in api.requests)
    assert first != second


def test_a_get_is_retried_and_carries_no_idempotency_key(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/products", problem(503, "unavailable"), ok({"items": []}))

    assert client.catalog.products.list().items == []
    assert len(api.requests) == 2
    assert all("Idempotency-Key" not in request.headers for request in api.requests)


@pytest.mark.parametrize("status", [408, 429, 502, 504])
def test_other_transient_statuses_are_retried(status: int, api: FakeAPI, client: Agora) -> None:
    api.script("DELETE", f"/v1/products/{PRODUCT_ID}", problem(status, "transient"), ok(deletion_json(), 202))

    assert client.catalog.products.delete(PRODUCT_ID).state == "pending"

    assert len(api.requests) == 2


@pytest.mark.parametrize(
    ("status", "error_class"),
    [(400, BadRequestError), (409, ConflictError), (422, UnprocessableEntityError)],
)
def test_client_errors_are_not_retried(
    status: int, error_class: type[APIStatusError], api: FakeAPI, client: Agora
) -> None:
    api.script("POST", "/v1/products", problem(status, "refused"), ok(product_json(), 201))

    with pytest.raises(error_class):
        create(client)

    assert len(api.requests) == 1


def test_a_409_for_a_key_still_in_progress_is_retried_with_that_key(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/products", problem(409, "idempotency_key_in_progress"), ok(product_json(), 201))

    create(client)

    first, second = api.requests
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]


@pytest.mark.parametrize("max_retries", [0, 1, 3])
def test_exhausted_retries_raise_service_unavailable(max_retries: int, api: FakeAPI) -> None:
    api.script("POST", "/v1/products", problem(503, "unavailable", "catalog timed out"))

    with pytest.raises(ServiceUnavailableError) as caught:
        create(make_client(api, max_retries=max_retries))

    assert caught.value.code == "unavailable"
    assert caught.value.detail == "catalog timed out"
    assert len(api.requests) == max_retries + 1


def test_a_connection_error_is_retried(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/products", fail(httpx.ConnectError), ok(product_json(), 201))

    create(client)

    first, second = api.requests
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]


def test_exhausted_connection_retries_raise_a_connection_error(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/products", fail(httpx.ConnectError))

    with pytest.raises(APIConnectionError) as caught:
        client.catalog.products.list()

    assert type(caught.value) is APIConnectionError
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert caught.value.request.url.path == "/v1/products"
    assert len(api.requests) == 3


def test_exhausted_timeouts_raise_a_timeout_error(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/products", fail(httpx.ReadTimeout))

    with pytest.raises(APITimeoutError):
        client.catalog.products.list()

    assert len(api.requests) == 3


def test_a_transport_error_that_retrying_cannot_fix_is_raised_at_once(api: FakeAPI, client: Agora) -> None:
    api.script("GET", "/v1/products", fail(httpx.UnsupportedProtocol))

    with pytest.raises(APIConnectionError):
        client.catalog.products.list()

    assert len(api.requests) == 1


def test_backoff_doubles_with_jitter_up_to_the_cap(api: FakeAPI, sleeps: list[float]) -> None:
    api.script("GET", "/v1/products", problem(503, "unavailable"))
    client = make_client(api, max_retries=4, initial_retry_delay=1.0, max_retry_delay=3.0)

    with pytest.raises(ServiceUnavailableError):
        client.catalog.products.list()

    assert len(sleeps) == 4
    for delay, ceiling in zip(sleeps, [1.0, 2.0, 3.0, 3.0], strict=True):
        assert 0.75 * ceiling <= delay <= ceiling


def test_retry_after_is_honoured_when_reasonable(api: FakeAPI, sleeps: list[float]) -> None:
    api.script(
        "GET",
        "/v1/products",
        problem(429, "rate_limited", headers={"Retry-After": "2"}),
        problem(429, "rate_limited", headers={"Retry-After": "3600"}),
        ok({"items": []}),
    )

    make_client(api, initial_retry_delay=0.5).catalog.products.list()

    assert sleeps[0] == 2.0
    assert 0.75 <= sleeps[1] <= 1.0


def test_a_500_is_retried_only_for_a_call_with_an_idempotency_key(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/products", problem(500, "internal"), ok(product_json(), 201))
    api.script("GET", "/v1/products", problem(500, "internal"), ok({"items": []}))

    create(client)
    with pytest.raises(InternalServerError):
        client.catalog.products.list()

    first, second = api.sent("POST", "/v1/products")
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert len(api.sent("GET", "/v1/products")) == 1


def test_retry_after_ms_is_honoured_before_retry_after(api: FakeAPI, sleeps: list[float]) -> None:
    both = {"retry-after-ms": "250", "Retry-After": "5"}
    api.script("GET", "/v1/products", problem(429, "rate_limited", headers=both), ok({"items": []}))

    make_client(api).catalog.products.list()

    assert sleeps == [0.25]


def test_retry_after_as_an_http_date_is_waited_until(api: FakeAPI, sleeps: list[float]) -> None:
    when = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    api.script("GET", "/v1/products", problem(503, "unavailable", headers={"Retry-After": when}), ok({"items": []}))

    make_client(api).catalog.products.list()

    [slept] = sleeps
    assert 28 <= slept <= 30


@pytest.mark.parametrize(
    "headers", [{"retry-after-ms": "3600000"}, {"Retry-After": "-1"}, {"retry-after-ms": "soon", "Retry-After": "x"}]
)
def test_an_unreasonable_wait_falls_back_to_the_capped_backoff(
    headers: dict[str, str], api: FakeAPI, sleeps: list[float]
) -> None:
    api.script("GET", "/v1/products", problem(429, "rate_limited", headers=headers), ok({"items": []}))

    make_client(api, initial_retry_delay=0.5).catalog.products.list()

    [slept] = sleeps
    assert 0.375 <= slept <= 0.5
