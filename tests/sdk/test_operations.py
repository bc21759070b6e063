"""Every contract operation is reachable on both clients, and sends the method, path, headers and body it defines."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from datetime import date
from functools import reduce
from pathlib import Path
from typing import Any, Unpack, get_type_hints

import httpx
import pytest
import yaml

from agora_sdk import OPERATIONS, Agora, APIResponse, AsyncAgora, InvalidArgumentError
from agora_sdk._options import CallOptions, MutationOptions
from agora_sdk.models import (
    BalanceList,
    Cart,
    Conversion,
    CreditApplication,
    CreditApplicationPage,
    CreditOfferDecision,
    CreditOfferList,
    CreditProduct,
    CreditProductList,
    CreditProfile,
    CreditReport,
    CreditReportList,
    CreditStatistics,
    Favourite,
    FavouritePage,
    Loan,
    LoanList,
    Notification,
    NotificationPage,
    Order,
    OrderPage,
    OrderStatus,
    OrderTimeline,
    Price,
    Product,
    ProductDeletion,
    ProductPage,
    ProductRating,
    Rate,
    RateList,
    Review,
    ReviewPage,
    TokenPair,
    User,
    WalletCurrency,
    WalletTransaction,
    WalletTransactionPage,
)
from tests.sdk.fakes import (
    DELETION_ID,
    ORDER_ID,
    PRODUCT_ID,
    USER_ID,
    FakeAPI,
    Reply,
    cart_json,
    cart_line_json,
    conversion_json,
    credit_application_json,
    credit_offer_json,
    credit_product_json,
    credit_profile_json,
    credit_report_json,
    credit_statistics_json,
    deletion_json,
    favourite_json,
    file_reply,
    json_body,
    loan_json,
    notification_json,
    ok,
    order_json,
    order_timeline_json,
    page_json,
    product_json,
    rate_json,
    review_json,
    tokens_json,
    transaction_json,
    user_json,
)

CONTRACT = Path(__file__).resolve().parents[2] / "contracts" / "rest" / "agora.v1.yaml"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")
IDEMPOTENCY_PARAMETER = "#/components/parameters/IdempotencyKey"
# The value each path parameter of the contract takes in these tests.
PATH_VALUES = {
    "product_id": PRODUCT_ID,
    "notification_id": PRODUCT_ID,
    "charge_id": PRODUCT_ID,
    "order_id": ORDER_ID,
    "deletion_id": DELETION_ID,
    "base_currency": "USD",
    "quote_currency": "EUR",
    "user_id": USER_ID,
    "credit_product_id": PRODUCT_ID,
    "application_id": ORDER_ID,
    "offer_id": DELETION_ID,
    "loan_id": ORDER_ID,
    "report_id": ORDER_ID,
}


@dataclass(frozen=True)
class ContractOperation:
    method: str
    path: str
    query: frozenset[str]
    takes_idempotency_key: bool
    body_schema: dict[str, Any] | None


def load_contract() -> dict[str, ContractOperation]:
    document = yaml.safe_load(CONTRACT.read_text())
    schemas = document["components"]["schemas"]
    operations = {}
    for path, item in document["paths"].items():
        for method in HTTP_METHODS:
            if method not in item:
                continue
            operation = item[method]
            parameters = [*item.get("parameters", []), *operation.get("parameters", [])]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            operations[operation["operationId"]] = ContractOperation(
                method=method.upper(),
                path=path.format(**PATH_VALUES),
                query=frozenset(p["name"] for p in parameters if p.get("in") == "query"),
                takes_idempotency_key={"$ref": IDEMPOTENCY_PARAMETER} in parameters,
                body_schema=schemas[body["$ref"].rsplit("/", 1)[1]] if body else None,
            )
    return operations


CONTRACT_OPERATIONS = load_contract()
PRICE = Price(amount=1200, currency="USD")
REFRESH_TOKEN = "refresh-token-0000-0123456789"
CREDENTIALS = {"username": "ada", "password": "correct horse"}
AMOUNT = {"amount": 500, "currency": "USD"}
PROFILE = {
    "annual_income": 6_000_000,
    "monthly_debt": 50_000,
    "currency": "USD",
    "employment_status": "EMPLOYED",
    "birth_date": "1990-05-01",
}
CREDIT_PRODUCT = {
    "code": "CASH",
    "purpose": "CONSUMER",
    "currency": "USD",
    "min_amount": 10_000,
    "max_amount": 10_000_000,
    "min_term_months": 3,
    "max_term_months": 60,
    "rate_min": "10",
    "rate_max": "20",
    "active": False,
}
DAYS = {"from_day": "2026-12-01", "to_day": date(2026, 12, 3), "currency": "USD"}
APPLICATION = {"amount": 1_000_000, "currency": "USD", "term_months": 12, "purpose": "CONSUMER"}

# operationId: (positional args, keyword args, the API's reply, the type the method returns)
CALLS: dict[str, tuple[tuple[Any, ...], dict[str, Any], Reply, type | None]] = {
    "register": ((), CREDENTIALS, ok(user_json(), 201), User),
    "login": ((), CREDENTIALS, ok(tokens_json(1)), TokenPair),
    "refreshTokens": ((REFRESH_TOKEN,), {}, ok(tokens_json(1)), TokenPair),
    "logout": ((REFRESH_TOKEN,), {}, ok(status=204), None),
    "getCurrentUser": ((), {}, ok(user_json()), User),
    "listProducts": ((), {"category": "merch", "cursor": "c1", "limit": 5}, ok(page_json(range(2))), ProductPage),
    "getProduct": ((PRODUCT_ID,), {}, ok(product_json()), Product),
    "createProduct": (
        (),
        {"name": "Mug", "category": "merch", "price": PRICE, "description": "A mug", "stock": 3, "status": "active"},
        ok(product_json(), 201),
        Product,
    ),
    "updateProduct": ((str(PRODUCT_ID),), {"stock": 3, "price": PRICE}, ok(product_json()), Product),
    "deleteProduct": ((PRODUCT_ID,), {}, ok(deletion_json(), 202), ProductDeletion),
    "getProductDeletion": ((str(DELETION_ID),), {}, ok(deletion_json("completed")), ProductDeletion),
    "listProductReviews": (
        (PRODUCT_ID,),
        {"cursor": "c1", "limit": 5},
        ok(page_json(range(2), item=review_json)),
        ReviewPage,
    ),
    "getProductRating": (
        (PRODUCT_ID,),
        {},
        ok({"product_id": str(PRODUCT_ID), "count": 2, "average": 4.5}),
        ProductRating,
    ),
    "getMyReview": ((PRODUCT_ID,), {}, ok(review_json()), Review),
    "writeMyReview": ((PRODUCT_ID,), {"rating": 5, "text": "Great"}, ok(review_json(rating=5)), Review),
    "deleteMyReview": ((PRODUCT_ID,), {}, ok(status=204), None),
    "listNotifications": ((), {"cursor": "3", "limit": 5}, ok({"items": [notification_json()]}), NotificationPage),
    "markNotificationRead": ((PRODUCT_ID,), {}, ok(notification_json()), Notification),
    "getBalances": ((), {}, ok({"items": [AMOUNT]}), BalanceList),
    "listWalletTransactions": (
        (),
        {"cursor": "c1", "limit": 5},
        ok(page_json(range(2), item=transaction_json)),
        WalletTransactionPage,
    ),
    "transfer": ((), {"to_username": "bob", **AMOUNT}, ok(transaction_json(), 201), WalletTransaction),
    "convertCurrency": ((), {**AMOUNT, "to_currency": "EUR"}, ok(conversion_json(), 201), Conversion),
    "topUp": ((), {"user_id": USER_ID, **AMOUNT}, ok(transaction_json(kind="top_up"), 201), WalletTransaction),
    "charge": (
        (),
        {"user_id": str(USER_ID), **AMOUNT, "reference": "order-1"},
        ok(transaction_json(kind="charge"), 201),
        WalletTransaction,
    ),
    "refund": ((PRODUCT_ID,), {}, ok(transaction_json(kind="refund"), 201), WalletTransaction),
    "listRates": ((), {}, ok({"items": [rate_json()]}), RateList),
    "setRate": (("USD", WalletCurrency.EUR), {"rate": "0.9237"}, ok(rate_json()), Rate),
    "getCart": ((), {}, ok(cart_json(cart_line_json())), Cart),
    "setCartItem": ((PRODUCT_ID,), {"quantity": 2}, ok(cart_json(cart_line_json(quantity=2))), Cart),
    "removeCartItem": ((str(PRODUCT_ID),), {}, ok(cart_json()), Cart),
    "listFavourites": (
        (),
        {"cursor": "c1", "limit": 5},
        ok(page_json(range(2), item=favourite_json)),
        FavouritePage,
    ),
    "addFavourite": ((PRODUCT_ID,), {}, ok(favourite_json()), Favourite),
    "removeFavourite": ((PRODUCT_ID,), {}, ok(status=204), None),
    "placeOrder": ((), {"items": [(PRODUCT_ID, 2)]}, ok(order_json(), 201), Order),
    "listOrders": (
        (),
        {"status": OrderStatus.PAID, "cursor": "c1", "limit": 5},
        ok(page_json(range(2), item=order_json)),
        OrderPage,
    ),
    "getOrder": ((ORDER_ID,), {}, ok(order_json()), Order),
    "getOrderTimeline": ((str(ORDER_ID),), {}, ok(order_timeline_json("PENDING", "RESERVED")), OrderTimeline),
    "cancelOrder": ((ORDER_ID,), {}, ok(order_json(status="CANCELLING")), Order),
    "shipOrder": ((ORDER_ID,), {}, ok(order_json(status="SHIPPED")), Order),
    "deliverOrder": ((ORDER_ID,), {}, ok(order_json(status="DELIVERED")), Order),
    "getMyCreditProfile": ((), {}, ok(credit_profile_json()), CreditProfile),
    "putMyCreditProfile": ((), PROFILE, ok(credit_profile_json()), CreditProfile),
    "getCreditProfile": ((USER_ID,), {}, ok(credit_profile_json()), CreditProfile),
    "putCreditProfile": ((str(USER_ID),), PROFILE, ok(credit_profile_json()), CreditProfile),
    "listCreditProducts": ((), {"include_inactive": True}, ok({"items": [credit_product_json()]}), CreditProductList),
    "createCreditProduct": ((), CREDIT_PRODUCT, ok(credit_product_json(), 201), CreditProduct),
    "getCreditProduct": ((PRODUCT_ID,), {}, ok(credit_product_json()), CreditProduct),
    "updateCreditProduct": ((PRODUCT_ID,), CREDIT_PRODUCT, ok(credit_product_json(active=False)), CreditProduct),
    "deleteCreditProduct": ((PRODUCT_ID,), {}, ok(status=204), None),
    "listCreditApplications": (
        (),
        {"cursor": "c1", "limit": 5},
        ok({"items": [credit_application_json()]}),
        CreditApplicationPage,
    ),
    "createCreditApplication": ((), APPLICATION, ok(credit_application_json(), 201), CreditApplication),
    "getCreditApplication": ((ORDER_ID,), {}, ok(credit_application_json("APPROVED")), CreditApplication),
    "updateCreditApplication": (
        (ORDER_ID,),
        {"amount": 2_000_000, "currency": "USD", "term_months": 24},
        ok(credit_application_json(revision=2)),
        CreditApplication,
    ),
    "deleteCreditApplication": ((ORDER_ID,), {}, ok(status=204), None),
    "listCreditOffers": ((ORDER_ID,), {}, ok({"items": [credit_offer_json()]}), CreditOfferList),
    "decideCreditOffer": (
        (DELETION_ID, "ACCEPTED"),
        {},
        ok({"offer": credit_offer_json("ACCEPTED"), "loan": loan_json()}),
        CreditOfferDecision,
    ),
    "listLoans": ((), {}, ok({"items": [loan_json()]}), LoanList),
    "getLoan": ((ORDER_ID,), {}, ok(loan_json("ACTIVE")), Loan),
    "repayLoan": ((str(ORDER_ID),), {}, ok(loan_json("ACTIVE")), Loan),
    "getCreditStatistics": ((), DAYS, ok(credit_statistics_json()), CreditStatistics),
    "createCreditReport": ((), DAYS, ok(credit_report_json(), 201), CreditReport),
    "listCreditReports": ((), {}, ok({"items": [credit_report_json()]}), CreditReportList),
    "downloadCreditReportPdf": ((ORDER_ID,), {}, file_reply(b"%PDF-1.4", "application/pdf"), bytes),
    "downloadCreditReportCsv": ((ORDER_ID,), {}, file_reply(b"from,to\n", "text/csv"), bytes),
}


def resolve(client: object, dotted: str) -> Any:
    return reduce(getattr, dotted.split("."), client)


def check_request(operation: ContractOperation, request: httpx.Request) -> None:
    assert request.method == operation.method
    assert request.url.path == operation.path
    assert set(request.url.params) <= operation.query
    assert ("Idempotency-Key" in request.headers) is operation.takes_idempotency_key
    if operation.body_schema is None:
        assert request.content == b""
    else:
        sent = set(json_body(request))
        assert set(operation.body_schema.get("required", [])) <= sent <= set(operation.body_schema["properties"])


def test_operations_maps_exactly_the_contracts_operation_ids() -> None:
    assert set(OPERATIONS) == set(CONTRACT_OPERATIONS)


@pytest.mark.parametrize("operation_id", sorted(CONTRACT_OPERATIONS))
async def test_each_operation_resolves_to_a_method_on_both_clients(
    operation_id: str, client: Agora, aclient: AsyncAgora
) -> None:
    sync_method = resolve(client, OPERATIONS[operation_id])
    async_method = resolve(aclient, OPERATIONS[operation_id])
    assert callable(sync_method)
    assert not inspect.iscoroutinefunction(sync_method)
    assert inspect.iscoroutinefunction(async_method)
    assert inspect.signature(sync_method) == inspect.signature(async_method)


@pytest.mark.parametrize("operation_id", sorted(CONTRACT_OPERATIONS))
def test_each_operation_sends_its_contract_request(operation_id: str, api: FakeAPI, client: Agora) -> None:
    operation = CONTRACT_OPERATIONS[operation_id]
    args, kwargs, reply, returns = CALLS[operation_id]
    api.script(operation.method, operation.path, reply)

    result = resolve(client, OPERATIONS[operation_id])(*args, **kwargs)

    [request] = api.requests
    check_request(operation, request)
    assert result is None if returns is None else isinstance(result, returns)


@pytest.mark.parametrize("operation_id", sorted(CONTRACT_OPERATIONS))
async def test_each_async_operation_sends_its_contract_request(
    operation_id: str, api: FakeAPI, aclient: AsyncAgora
) -> None:
    operation = CONTRACT_OPERATIONS[operation_id]
    args, kwargs, reply, returns = CALLS[operation_id]
    api.script(operation.method, operation.path, reply)

    result = await resolve(aclient, OPERATIONS[operation_id])(*args, **kwargs)

    [request] = api.requests
    check_request(operation, request)
    assert result is None if returns is None else isinstance(result, returns)


def test_create_sends_the_fields_given_and_omits_the_rest(api: FakeAPI, client: Agora) -> None:
    api.script("POST", "/v1/products", ok(product_json(), 201))

    client.catalog.products.create(name="Mug", category="merch", price=PRICE, stock=0)

    assert json_body(api.requests[0]) == {
        "name": "Mug",
        "category": "merch",
        "price": {"amount": 1200, "currency": "USD"},
        "stock": 0,
    }


def test_update_sends_only_the_fields_given(api: FakeAPI, client: Agora) -> None:
    api.script("PATCH", f"/v1/products/{PRODUCT_ID}", ok(product_json(status="inactive")))

    product = client.catalog.products.update(PRODUCT_ID, status="inactive")

    assert json_body(api.requests[0]) == {"status": "inactive"}
    assert product.status == "inactive"


def test_a_malformed_product_id_is_refused_before_sending(api: FakeAPI, client: Agora) -> None:
    with pytest.raises(InvalidArgumentError, match="badly formed"):
        client.catalog.products.get("../users/me")
    assert api.requests == []


@pytest.mark.parametrize("operation_id", sorted(CONTRACT_OPERATIONS))
def test_each_operation_takes_an_idempotency_key_exactly_when_the_contract_does(
    operation_id: str, client: Agora
) -> None:
    hints = get_type_hints(resolve(client, OPERATIONS[operation_id]))
    expected = MutationOptions if CONTRACT_OPERATIONS[operation_id].takes_idempotency_key else CallOptions
    assert hints["per_call"] == Unpack[expected]


@pytest.mark.parametrize("operation_id", sorted(CONTRACT_OPERATIONS))
def test_each_operation_sends_the_per_call_timeout_headers_and_query(
    operation_id: str, api: FakeAPI, client: Agora
) -> None:
    operation = CONTRACT_OPERATIONS[operation_id]
    args, kwargs, reply, _ = CALLS[operation_id]
    api.script(operation.method, operation.path, reply)
    per_call: dict[str, Any] = {"timeout": 1.5, "extra_headers": {"X-Trace": "t-1"}, "extra_query": {"probe": "1"}}
    if operation.takes_idempotency_key:
        per_call["idempotency_key"] = f"chosen-{operation_id}"

    resolve(client, OPERATIONS[operation_id])(*args, **kwargs, **per_call)

    [request] = api.requests
    assert request.extensions["timeout"] == httpx.Timeout(1.5).as_dict()
    assert request.headers["X-Trace"] == "t-1"
    assert request.url.params["probe"] == "1"
    assert request.headers.get("Idempotency-Key") == per_call.get("idempotency_key")


async def test_async_operations_send_the_per_call_options(api: FakeAPI, aclient: AsyncAgora) -> None:
    api.script("POST", "/v1/wallet/transfers", ok(transaction_json(), 201))

    await aclient.wallet.transfer(
        to_username="bob", amount=5, currency="COIN", idempotency_key="rent-1", extra_headers={"X-Trace": "t-2"}
    )

    [request] = api.requests
    assert (request.headers["Idempotency-Key"], request.headers["X-Trace"]) == ("rent-1", "t-2")


@pytest.mark.parametrize("operation_id", sorted(CONTRACT_OPERATIONS))
def test_each_operation_has_a_raw_response_that_parses_to_its_result(
    operation_id: str, api: FakeAPI, client: Agora
) -> None:
    operation = CONTRACT_OPERATIONS[operation_id]
    args, kwargs, reply, returns = CALLS[operation_id]
    api.script(operation.method, operation.path, reply)
    resource_path, _, method = OPERATIONS[operation_id].rpartition(".")

    raw = getattr(resolve(client, resource_path).with_raw_response, method)(*args, **kwargs)

    [request] = api.requests
    check_request(operation, request)
    assert isinstance(raw, APIResponse)
    scripted = reply(request)
    assert isinstance(scripted, httpx.Response)
    assert raw.status_code == scripted.status_code
    assert raw.parse() is None if returns is None else isinstance(raw.parse(), returns)


@pytest.mark.parametrize("operation_id", sorted(CONTRACT_OPERATIONS))
async def test_each_async_operation_has_a_raw_response(operation_id: str, api: FakeAPI, aclient: AsyncAgora) -> None:
    operation = CONTRACT_OPERATIONS[operation_id]
    args, kwargs, reply, returns = CALLS[operation_id]
    api.script(operation.method, operation.path, reply)
    resource_path, _, method = OPERATIONS[operation_id].rpartition(".")

    raw = await getattr(resolve(aclient, resource_path).with_raw_response, method)(*args, **kwargs)

    assert raw.parse() is None if returns is None else isinstance(raw.parse(), returns)
