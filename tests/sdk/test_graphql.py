"""`client.graphql` on the SDK's runtime: the body it sends, idempotency keys on mutations only, retries and token
refresh as for REST calls, and GraphQL's top-level errors as GraphQLError."""

from __future__ import annotations

import httpx
import pytest

from agora_sdk import Agora, APIResponseValidationError, AsyncAgora, GraphQLError
from agora_sdk.graphql import MoneyInput, TransferInput
from tests.sdk.fakes import FakeAPI, bearer, json_body, ok, tokens_json

GRAPHQL = ("POST", "/graphql")
FIRST, SECOND = tokens_json(1), tokens_json(2)
TRANSACTION = {
    "id": "V2FsbGV0VHJhbnNhY3Rpb246MQ",
    "kind": "transfer",
    "amounts": [{"amount": -5, "currency": "COIN"}],
    "counterparty": {"username": "bob"},
    "reference": "",
    "createdAt": "2026-12-02T10:00:00Z",
}
TRANSFERRED = {"data": {"transfer": {"transaction": TRANSACTION, "userErrors": []}}}
PRODUCTS = {"data": {"products": {"nodes": [], "pageInfo": {"hasNextPage": False, "endCursor": None}}}}


def graphql_errors(code: str, reason: str) -> dict[str, object]:
    return {"errors": [{"message": "refused", "extensions": {"code": code, "reason": reason}}], "data": None}


def to_bob(amount: int) -> TransferInput:
    return TransferInput(to_username="bob", amount=MoneyInput(amount=amount, currency="COIN"))


def test_a_query_sends_its_document_with_only_the_arguments_given_and_no_idempotency_key(
    api: FakeAPI, client: Agora
) -> None:
    api.script(*GRAPHQL, ok(PRODUCTS))

    page = client.graphql.products(first=5)

    (sent,) = api.requests
    body = json_body(sent)
    assert page.products.page_info.has_next_page is False
    assert body["operationName"] == "Products"
    assert body["variables"] == {"first": 5}
    assert "query Products" in body["query"]
    assert "Idempotency-Key" not in sent.headers


def test_a_mutation_sends_its_input_by_graphql_names_and_keeps_one_key_across_retries(
    api: FakeAPI, client: Agora
) -> None:
    api.script(*GRAPHQL, ok(status=503), ok(TRANSFERRED))

    transfer = client.graphql.transfer(input=to_bob(5)).transfer

    first, retried = api.sent(*GRAPHQL)
    assert transfer.transaction is not None
    assert transfer.transaction.amounts[0].amount == -5
    assert json_body(first)["variables"] == {
        "input": {"toUsername": "bob", "amount": {"amount": 5, "currency": "COIN"}}
    }
    assert first.headers["Idempotency-Key"] == retried.headers["Idempotency-Key"]


def test_a_caller_chosen_idempotency_key_is_sent_as_given(api: FakeAPI, client: Agora) -> None:
    api.script(*GRAPHQL, ok(TRANSFERRED))

    client.graphql.transfer(input=to_bob(5), idempotency_key="order-42-payment")

    assert api.requests[0].headers["Idempotency-Key"] == "order-42-payment"


def test_an_expired_token_over_graphql_is_refreshed_once_and_the_document_resent(api: FakeAPI) -> None:
    def expired_unless_second(request: httpx.Request) -> httpx.Response:
        if bearer(request) == f"Bearer {SECOND['access_token']}":
            return ok(TRANSFERRED)(request)
        return ok(graphql_errors("UNAUTHENTICATED", "token_expired"), status=400)(request)

    api.script(*GRAPHQL, expired_unless_second)
    api.script("POST", "/v1/auth/refresh", ok(SECOND))
    with httpx.Client(transport=api.transport()) as http:
        client = Agora(base_url="http://agora.test", access_token=FIRST["access_token"],
                       refresh_token=FIRST["refresh_token"], http_client=http)  # fmt: skip

        transfer = client.graphql.transfer(input=to_bob(5)).transfer

    expired, refresh, resent = api.requests
    assert transfer.transaction is not None
    assert refresh.url.path == "/v1/auth/refresh"
    assert bearer(resent) == f"Bearer {SECOND['access_token']}"
    assert expired.headers["Idempotency-Key"] == resent.headers["Idempotency-Key"]


def test_top_level_errors_raise_graphql_error_with_the_code_and_the_data(api: FakeAPI, client: Agora) -> None:
    api.script(*GRAPHQL, ok(graphql_errors("GRAPHQL_VALIDATION_FAILED", "query_too_deep"), status=400))

    with pytest.raises(GraphQLError) as raised:
        client.graphql.products()

    assert (raised.value.category, raised.value.code, raised.value.status_code) == (
        "GRAPHQL_VALIDATION_FAILED",
        "query_too_deep",
        400,
    )
    assert "query_too_deep" in str(raised.value)
    assert len(api.requests) == 1  # a refused document is not retried


def test_an_answer_that_is_not_a_graphql_result_is_a_validation_error(api: FakeAPI, client: Agora) -> None:
    api.script(*GRAPHQL, ok({"hello": "world"}))

    with pytest.raises(APIResponseValidationError):
        client.graphql.products()


async def test_the_async_client_shares_the_runtime(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script(*GRAPHQL, ok(status=502), ok(TRANSFERRED))

    transfer = (await aclient.graphql.transfer(input=to_bob(5))).transfer

    first, retried = api.sent(*GRAPHQL)
    assert transfer.transaction is not None
    assert first.headers["Idempotency-Key"] == retried.headers["Idempotency-Key"]
