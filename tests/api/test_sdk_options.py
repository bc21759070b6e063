"""The installed SDK's per-call options and raw responses against a live gateway: a caller-chosen idempotency key
applies a transfer once across two clients (as after a restart), and a raw response shows a replay."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from agora_sdk import Agora, UnprocessableEntityError
from services.embedded import embedded_app
from services.platform.settings import Settings
from tests.conftest import embedded_settings
from tests.support import LiveServer, live_server

PASSWORD = "options-sdk-password"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return embedded_settings(Path(tmp_path_factory.mktemp("sdk-options")))


@pytest.fixture(scope="module")
def server(settings: Settings) -> Iterator[LiveServer]:
    with live_server(embedded_app(settings), settings) as running:
        yield running


def signed_in(server: LiveServer, username: str) -> Agora:
    client = Agora(base_url=server.url, max_retries=0)
    client.identity.register(username=username, password=PASSWORD)
    client.identity.login(username=username, password=PASSWORD)
    return client


def coins(client: Agora) -> int:
    return sum(money.amount for money in client.wallet.balances().items if money.currency == "COIN")


def test_a_chosen_key_applies_a_transfer_once_across_clients(server: LiveServer) -> None:
    sender = signed_in(server, f"sender{uuid.uuid4().hex[:8]}")
    receiver_name = f"receiver{uuid.uuid4().hex[:8]}"
    signed_in(server, receiver_name)
    key = f"rent-{uuid.uuid4()}"
    before = coins(sender)

    first = sender.wallet.transfer(to_username=receiver_name, amount=7, currency="COIN", idempotency_key=key)
    restarted = Agora(base_url=server.url, access_token=sender.access_token, max_retries=0)
    again = restarted.wallet.transfer(to_username=receiver_name, amount=7, currency="COIN", idempotency_key=key)

    assert again.id == first.id
    assert coins(sender) == before - 7


def test_a_raw_response_shows_the_gateways_replay_and_request_id(server: LiveServer) -> None:
    client = signed_in(server, f"fav{uuid.uuid4().hex[:8]}")
    product = client.catalog.products.list(category="merch", limit=1).items[0]
    key = f"fav-{uuid.uuid4()}"

    first = client.customers.favourites.with_raw_response.add(product.id, idempotency_key=key)
    again = client.customers.favourites.with_raw_response.add(product.id, idempotency_key=key)

    assert (first.idempotent_replayed, again.idempotent_replayed) == (False, True)
    assert again.parse().added_at == first.parse().added_at
    assert first.request_id is not None
    assert again.request_id not in (None, first.request_id)


def test_extra_headers_and_a_per_call_timeout_reach_the_gateway(server: LiveServer) -> None:
    client = signed_in(server, f"opts{uuid.uuid4().hex[:8]}")

    raw = client.with_options(timeout=10).identity.with_raw_response.me(
        timeout=5, extra_headers={"X-Request-Id": "caller-chosen-id"}
    )

    assert raw.status_code == 200
    assert raw.parse().username.startswith("opts")


def test_a_real_422_names_each_broken_rule_and_the_request_id(server: LiveServer) -> None:
    client = signed_in(server, f"bad{uuid.uuid4().hex[:8]}")

    with pytest.raises(UnprocessableEntityError) as caught:
        client.catalog.products.list(limit=100_000)

    error = caught.value
    assert error.errors
    assert error.request_id is not None
    assert all(f"{rule.location}: {rule.message}" in str(error) for rule in error.errors)
    assert str(error).endswith(f"(request id {error.request_id})")
    assert error.body["code"] == error.code
