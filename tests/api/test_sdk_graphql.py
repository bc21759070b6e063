"""`client.graphql` of the installed SDK against a live gateway: typed queries and mutations, userErrors, top-level
errors, idempotency keys, token refresh, and subscriptions as async iterators."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncGenerator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agora_sdk import Agora, AsyncAgora, GraphQLError
from agora_sdk.graphql import MoneyInput, TransferInput
from services.embedded import embedded_app
from services.platform.settings import Settings
from tests.conftest import embedded_settings
from tests.support import LiveServer, live_server, mint_access_token

PASSWORD = "graphql-sdk-password"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return embedded_settings(Path(tmp_path_factory.mktemp("sdk-graphql")))


@pytest.fixture(scope="module")
def server(settings: Settings) -> Iterator[LiveServer]:
    with live_server(embedded_app(settings), settings) as running:
        yield running


def signed_in(server: LiveServer) -> tuple[Agora, str]:
    """A new user's client, logged in, and the user's name."""
    username = f"sdk{uuid.uuid4().hex[:10]}"
    client = Agora(base_url=server.url, max_retries=0)
    client.identity.register(username=username, password=PASSWORD)
    client.identity.login(username=username, password=PASSWORD)
    return client, username


def coins(client: Agora) -> int:
    viewer = client.graphql.viewer().viewer
    assert viewer is not None
    return sum(money.amount for money in viewer.balances if money.currency == "COIN")


def coins_to(username: str, amount: int) -> TransferInput:
    return TransferInput(to_username=username, amount=MoneyInput(amount=amount, currency="COIN"))


def test_queries_come_back_as_typed_models(server: LiveServer) -> None:
    client, username = signed_in(server)

    viewer = client.graphql.viewer().viewer
    first = client.graphql.products(first=2, category="merch").products
    after = client.graphql.products(first=2, category="merch", after=first.page_info.end_cursor).products
    page = client.graphql.product_page(id=first.nodes[0].id).product

    assert viewer is not None
    assert viewer.user.username == username
    assert len(first.nodes) == 2
    assert first.page_info.has_next_page is True
    assert {node.id for node in first.nodes}.isdisjoint(node.id for node in after.nodes)
    assert page is not None
    assert page.name == first.nodes[0].name
    assert page.rating.count == 0
    assert page.reviews.nodes == []


def test_a_mutation_answers_with_its_result_or_its_user_errors_and_a_refusal_changes_nothing(
    server: LiveServer,
) -> None:
    client, _ = signed_in(server)
    _, payee = signed_in(server)
    before = coins(client)

    sent = client.graphql.transfer(input=coins_to(payee, 7)).transfer
    refused = client.graphql.transfer(input=coins_to(f"nobody{uuid.uuid4().hex[:6]}", 7)).transfer
    too_much = client.graphql.transfer(input=coins_to(payee, before * 10)).transfer

    assert sent.user_errors == []
    assert sent.transaction is not None
    assert [(money.amount, money.currency) for money in sent.transaction.amounts] == [(-7, "COIN")]
    assert refused.transaction is None
    assert [error.code for error in refused.user_errors] == ["user_not_found"]
    assert [error.code for error in too_much.user_errors] == ["insufficient_funds"]
    assert coins(client) == before - 7


def test_a_caller_chosen_idempotency_key_applies_a_mutation_once(server: LiveServer) -> None:
    client, _ = signed_in(server)
    _, payee = signed_in(server)
    before = coins(client)
    key = f"gift-{uuid.uuid4()}"

    first = client.graphql.transfer(input=coins_to(payee, 3), idempotency_key=key).transfer
    again = client.graphql.transfer(input=coins_to(payee, 3), idempotency_key=key).transfer

    assert first.transaction is not None
    assert again.transaction is not None
    assert again.transaction.id == first.transaction.id
    assert coins(client) == before - 3


def test_a_refused_document_raises_graphql_error_with_its_code(server: LiveServer) -> None:
    client, payee = signed_in(server)

    with pytest.raises(GraphQLError) as unknown_field:
        client.graphql.execute("query { nope }")
    with pytest.raises(GraphQLError) as anonymous:
        Agora(base_url=server.url, max_retries=0).graphql.transfer(input=coins_to(payee, 1))

    assert unknown_field.value.category == "GRAPHQL_VALIDATION_FAILED"
    assert unknown_field.value.status_code == 400
    assert anonymous.value.category == "UNAUTHENTICATED"


def test_an_expired_access_token_is_refreshed_once_and_the_call_goes_through(
    server: LiveServer, settings: Settings
) -> None:
    client, username = signed_in(server)
    expired = mint_access_token(settings, client.identity.me().id, "customer", datetime.now(UTC) - timedelta(hours=2))
    client.access_token = expired

    refreshed = client.graphql.viewer().viewer

    assert refreshed is not None
    assert refreshed.user.username == username
    assert client.access_token != expired


async def test_subscriptions_are_async_iterators_of_typed_events(server: LiveServer) -> None:
    sender, _ = signed_in(server)
    receiver, receiver_name = signed_in(server)
    async with AsyncAgora(base_url=server.url, access_token=receiver.access_token, max_retries=0) as client:
        feed = client.graphql.notification_received()
        assert isinstance(feed, AsyncGenerator)
        welcome = await asyncio.wait_for(anext(feed), 10)
        await asyncio.to_thread(sender.graphql.transfer, input=coins_to(receiver_name, 4))
        received = await asyncio.wait_for(anext(feed), 10)
        await feed.aclose()

    assert welcome.notification_received.kind == "welcome"
    assert received.notification_received.kind == "transfer_received"
    assert int(received.notification_received.cursor) > int(welcome.notification_received.cursor)
    assert {"key": "amount", "value": "4"} in [datum.model_dump() for datum in received.notification_received.data]


async def test_a_subscription_without_a_valid_token_raises_its_code(server: LiveServer) -> None:
    async with AsyncAgora(base_url=server.url, access_token="not-a-token", max_retries=0) as client:
        with pytest.raises(GraphQLError) as refused:
            await anext(client.graphql.notification_received())

    assert refused.value.category == "UNAUTHENTICATED"
