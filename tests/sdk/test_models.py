"""The models: a newer server's enum values read fine, absent fields are None, to_dict and to_json round trip,
and enum arguments the SDK does not know are refused before sending."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType
from typing import Any

import attrs
import httpx
import pytest

from agora_sdk import Agora, APIResponseValidationError, AsyncAgora, InvalidArgumentError, merch, models
from agora_sdk.models import (
    CartLine,
    Order,
    OrderStatus,
    Price,
    ProductStatus,
    UpdateProductRequest,
    WalletCurrency,
    WalletTransactionKind,
)
from tests.sdk.fakes import (
    ORDER_ID,
    PRODUCT_ID,
    FakeAPI,
    cart_json,
    cart_line_json,
    json_body,
    ok,
    order_json,
    page_json,
    product_json,
    transaction_json,
)

ORDER_PATH = f"/v1/orders/{ORDER_ID}"
PRODUCT_PATH = f"/v1/products/{PRODUCT_ID}"


def model_classes(module: ModuleType) -> list[type[Any]]:
    return [value for name in module.__all__ if attrs.has(value := getattr(module, name))]


EVERY_MODEL = [*model_classes(models), *model_classes(merch)]


def test_an_order_status_the_sdk_does_not_know_reads_as_a_member_of_its_own(api: FakeAPI, client: Agora) -> None:
    api.script("GET", ORDER_PATH, ok(order_json(status="REFUNDED")))

    order = client.orders.get(ORDER_ID)

    assert isinstance(order.status, OrderStatus)
    assert (order.status, order.status.value, str(order.status)) == ("REFUNDED", "REFUNDED", "REFUNDED")
    assert order.status not in list(OrderStatus)
    assert OrderStatus("PAID") is OrderStatus.PAID


def test_unknown_values_read_fine_in_listings_and_nested_models(api: FakeAPI, client: Agora) -> None:
    api.script("GET", PRODUCT_PATH, ok(product_json(status="archived")))
    api.script("GET", "/v1/wallet/transactions", ok({"items": [transaction_json(kind="cashback")]}))

    product = client.catalog.products.get(PRODUCT_ID)
    [transaction] = client.wallet.transactions.list().items

    assert (product.status, transaction.kind) == ("archived", "cashback")
    assert isinstance(product.status, ProductStatus)
    assert isinstance(transaction.kind, WalletTransactionKind)


def test_every_optional_field_of_every_public_model_is_declared_none_by_default() -> None:
    optional = {
        f"{model.__name__}.{field.name}": field
        for model in EVERY_MODEL
        for field in attrs.fields(model)
        if field.init and field.default is not attrs.NOTHING
    }

    assert "CartLine.unit_price" in optional
    assert "InventoryItem.quantity" in optional
    assert [name for name, field in optional.items() if not str(field.type).endswith(" | None")] == []
    assert {name: field.default for name, field in optional.items() if field.default is not None} == {
        "CreditProductRequest.version": 1,
        "CreditProductRequest.active": True,
    }


def test_fields_a_response_leaves_out_read_as_none(api: FakeAPI, client: Agora) -> None:
    gone = {"product_id": str(PRODUCT_ID), "quantity": 1, "available": False}
    api.script("GET", "/v1/cart", ok(cart_json(gone)))
    api.script("GET", "/v1/products", ok(page_json(range(1))))

    [line] = client.customers.cart.get().lines
    page = client.catalog.products.list()

    assert (line.name, line.unit_price, line.line_total) == (None, None, None)
    assert page.next_cursor is None


def test_to_dict_and_to_json_give_back_the_body_read_and_from_dict_reads_them_again(
    api: FakeAPI, client: Agora
) -> None:
    body = order_json(status="REFUNDED")
    api.script("GET", ORDER_PATH, ok(body))

    order = client.orders.get(ORDER_ID)

    assert order.to_dict() == body
    assert json.loads(order.to_json()) == body
    assert Order.from_dict(json.loads(order.to_json())) == order


def test_to_dict_and_to_json_leave_absent_fields_out() -> None:
    gone = CartLine.from_dict({"product_id": str(PRODUCT_ID), "quantity": 1, "available": False})
    priced = CartLine.from_dict(cart_line_json())

    assert (
        json.loads(gone.to_json())
        == gone.to_dict()
        == {"product_id": str(PRODUCT_ID), "quantity": 1, "available": False}
    )
    assert CartLine.from_dict(gone.to_dict()) == gone
    assert CartLine.from_dict(json.loads(priced.to_json())) == priced
    assert UpdateProductRequest().to_json() == "{}"


def test_an_update_sends_only_the_fields_given_and_never_null(api: FakeAPI, client: Agora) -> None:
    api.script("PATCH", PRODUCT_PATH, ok(product_json(stock=0)))

    client.catalog.products.update(PRODUCT_ID, stock=0, price=Price(amount=900, currency="USD"))

    [request] = api.requests
    assert json_body(request) == {"price": {"amount": 900, "currency": "USD"}, "stock": 0}


def test_enum_arguments_the_sdk_does_not_know_are_refused_before_sending(api: FakeAPI, client: Agora) -> None:
    refusals: dict[str, Callable[[], object]] = {
        "OrderStatus": lambda: client.orders.list(status="paid"),
        "WalletCurrency": lambda: client.wallet.transfer(to_username="bob", amount=1, currency="usd"),
        "ProductStatus": lambda: client.catalog.products.update(PRODUCT_ID, status="gone"),
        "LoanPurpose": lambda: client.credit.applications.create(
            amount=1, currency="USD", term_months=12, purpose="holiday"
        ),
    }
    for kind, call in refusals.items():
        with pytest.raises(InvalidArgumentError, match=f"is not a valid {kind}: expected one of ") as refused:
            call()
        assert isinstance(refused.value, ValueError)
    assert api.requests == []


def test_known_enum_arguments_and_members_read_from_a_newer_server_are_sent_as_they_are(
    api: FakeAPI, client: Agora
) -> None:
    api.script("GET", ORDER_PATH, ok(order_json(status="REFUNDED")))
    api.script("GET", "/v1/orders", ok(page_json(range(0))))

    refunded = client.orders.get(ORDER_ID).status
    client.orders.list(status="PAID")
    client.orders.list(status=refunded)

    assert [request.url.params.get("status") for request in api.sent("GET", "/v1/orders")] == ["PAID", "REFUNDED"]


async def test_the_async_client_reads_unknown_values_and_refuses_unknown_arguments_alike(
    api: FakeAPI, aclient: AsyncAgora
) -> None:
    api.script("GET", ORDER_PATH, ok(order_json(status="REFUNDED")))

    order = await aclient.orders.get(ORDER_ID)
    with pytest.raises(InvalidArgumentError, match="is not a valid WalletCurrency"):
        await aclient.wallet.convert(amount=1, currency=WalletCurrency.USD, to_currency="dollars")

    assert order.status == "REFUNDED"
    assert [request.url.path for request in api.requests] == [ORDER_PATH]


def test_an_enum_field_that_is_not_a_string_is_still_a_response_that_breaks_the_contract(
    api: FakeAPI, client: Agora
) -> None:
    api.script("GET", ORDER_PATH, lambda request: httpx.Response(200, json=order_json() | {"status": 7}))

    with pytest.raises(APIResponseValidationError, match="is not a valid OrderStatus"):
        client.orders.get(ORDER_ID)
