"""Each error status maps to its exception class, which exposes the problem document's fields."""

from __future__ import annotations

import httpx
import pytest

from agora_sdk import (
    Agora,
    AgoraError,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServiceUnavailableError,
    UnprocessableEntityError,
)
from agora_sdk.models import Problem
from tests.sdk.fakes import BASE_URL, PRODUCT_ID, FakeAPI, ok, problem

PRODUCT_PATH = f"/v1/products/{PRODUCT_ID}"


@pytest.fixture
def no_retry_client(api: FakeAPI) -> Agora:
    return Agora(base_url=BASE_URL, max_retries=0, http_client=httpx.Client(transport=api.transport()))


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (418, APIStatusError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
        (503, ServiceUnavailableError),
        (504, InternalServerError),
    ],
)
def test_status_maps_to_its_error_with_the_problem_fields(
    status: int, error_class: type[APIStatusError], api: FakeAPI, no_retry_client: Agora
) -> None:
    api.script("GET", PRODUCT_PATH, problem(status, "some_code", "what happened", request_id="req-1"))

    with pytest.raises(APIStatusError) as caught:
        no_retry_client.catalog.products.get(PRODUCT_ID)

    error = caught.value
    assert type(error) is error_class
    assert isinstance(error, AgoraError)
    assert error.status_code == status
    assert error.response.status_code == status
    assert isinstance(error.problem, Problem)
    assert error.problem.status == status
    assert (error.code, error.detail, error.title) == ("some_code", "what happened", "Problem")
    assert error.type == "https://agora.test/problems/some_code"
    assert error.request_id == "req-1"
    assert error.errors == []
    assert error.body == {
        "type": "https://agora.test/problems/some_code",
        "title": "Problem",
        "status": status,
        "code": "some_code",
        "detail": "what happened",
        "request_id": "req-1",
    }
    assert str(error) == f"{status} Problem [some_code]: what happened (request id req-1)"


def test_service_unavailable_is_a_server_error() -> None:
    assert issubclass(ServiceUnavailableError, InternalServerError)


def test_validation_errors_list_each_broken_rule(api: FakeAPI, no_retry_client: Agora) -> None:
    broken = [{"location": "query.limit", "message": "must be at most 100"}]
    api.script("GET", "/v1/products", problem(422, "validation_failed", "bad request", errors=broken))

    with pytest.raises(UnprocessableEntityError) as caught:
        no_retry_client.catalog.products.list(limit=1000)

    [field_error] = caught.value.errors
    assert (field_error.location, field_error.message) == ("query.limit", "must be at most 100")


def test_a_422_message_lists_each_broken_rule_and_the_request_id(api: FakeAPI, no_retry_client: Agora) -> None:
    broken = [
        {"location": "body.amount.amount", "message": "must be greater than 0"},
        {"location": "body.to_username", "message": "is required"},
    ]
    api.script(
        "POST",
        "/v1/wallet/transfers",
        problem(
            422, "validation_failed", "the request breaks the contract", errors=broken, headers={"X-Request-Id": "r-9"}
        ),
    )

    with pytest.raises(UnprocessableEntityError) as caught:
        no_retry_client.wallet.transfer(to_username="", amount=0, currency="COIN")

    assert str(caught.value) == (
        "422 Problem [validation_failed]: the request breaks the contract; body.amount.amount: must be greater than 0;"
        " body.to_username: is required (request id r-9)"
    )
    assert caught.value.body["errors"] == broken


def test_a_body_that_is_no_problem_document_still_maps_by_status(api: FakeAPI, no_retry_client: Agora) -> None:
    api.script(
        "GET",
        PRODUCT_PATH,
        lambda request: httpx.Response(502, text="<html>bad gateway</html>", headers={"X-Request-Id": "edge-7"}),
    )

    with pytest.raises(InternalServerError) as caught:
        no_retry_client.catalog.products.get(PRODUCT_ID)

    error = caught.value
    assert (error.problem, error.code, error.detail, error.body) == (None, None, None, None)
    assert error.request_id == "edge-7"
    assert str(error) == "502 Bad Gateway (request id edge-7)"


def test_a_success_body_that_breaks_the_contract_is_reported(api: FakeAPI, no_retry_client: Agora) -> None:
    api.script("GET", PRODUCT_PATH, ok({"id": str(PRODUCT_ID)}))

    with pytest.raises(APIResponseValidationError) as caught:
        no_retry_client.catalog.products.get(PRODUCT_ID)

    assert caught.value.status_code == 200
    assert caught.value.body == {"id": str(PRODUCT_ID)}
