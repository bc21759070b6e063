"""Each contract operation's request, built by the generated client's per-operation request builders."""

# The generated modules' `_get_kwargs` hold each operation's method, path, query and body encoding as the
# contract defines them; the runtime does the sending, so sync and async share one path for retries and errors.

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar
from uuid import UUID

from agora_sdk._exceptions import InvalidArgumentError
from agora_sdk._generated.api.catalog import (
    create_product,
    delete_product,
    get_product,
    get_product_deletion,
    list_products,
    update_product,
)
from agora_sdk._generated.api.customers import (
    add_favourite,
    get_cart,
    list_favourites,
    remove_cart_item,
    remove_favourite,
    set_cart_item,
)
from agora_sdk._generated.api.identity import get_current_user, login, logout, refresh_tokens, register
from agora_sdk._generated.api.notifications import list_notifications, mark_notification_read
from agora_sdk._generated.api.orders import (
    cancel_order,
    deliver_order,
    get_order,
    get_order_timeline,
    list_orders,
    place_order,
    ship_order,
)
from agora_sdk._generated.api.reviews import (
    delete_my_review,
    get_my_review,
    get_product_rating,
    list_product_reviews,
    write_my_review,
)
from agora_sdk._generated.api.wallet import (
    charge,
    convert_currency,
    get_balances,
    list_rates,
    list_wallet_transactions,
    refund,
    set_rate,
    top_up,
    transfer,
)
from agora_sdk._generated.models import (
    Amount,
    CartItemRequest,
    ChargeRequest,
    ConversionRequest,
    CreateProductRequest,
    LoginRequest,
    LogoutRequest,
    OrderItem,
    OrderStatus,
    PlaceOrderRequest,
    Price,
    ProductStatus,
    RefreshRequest,
    RegisterRequest,
    ReviewRequest,
    SetRateRequest,
    TopUpRequest,
    TransferRequest,
    UpdateProductRequest,
    WalletCurrency,
)
from agora_sdk._options import RequestOptions

ProductId = UUID | str
DeletionId = UUID | str
Currency = WalletCurrency | str
OrderItemLike = OrderItem | tuple[ProductId, int]
"""An item to order: an `OrderItem`, or a (product id, quantity) pair."""
_E = TypeVar("_E", bound=StrEnum)


def register_request(*, username: str, password: str) -> RequestOptions:
    body = RegisterRequest(username=username, password=password)
    return RequestOptions.from_generated(register._get_kwargs(body=body))


def login_request(*, username: str, password: str) -> RequestOptions:
    body = LoginRequest(username=username, password=password)
    return RequestOptions.from_generated(login._get_kwargs(body=body))


def refresh_tokens_request(refresh_token: str) -> RequestOptions:
    body = RefreshRequest(refresh_token=refresh_token)
    return RequestOptions.from_generated(refresh_tokens._get_kwargs(body=body), refresh_on_expiry=False)


def logout_request(refresh_token: str) -> RequestOptions:
    body = LogoutRequest(refresh_token=refresh_token)
    return RequestOptions.from_generated(logout._get_kwargs(body=body), refresh_on_expiry=False)


def get_current_user_request() -> RequestOptions:
    return RequestOptions.from_generated(get_current_user._get_kwargs())


def list_products_request(*, category: str | None, cursor: str | None, limit: int | None) -> RequestOptions:
    kwargs = list_products._get_kwargs(category=category, cursor=cursor, limit=limit)
    return RequestOptions.from_generated(kwargs)


def get_product_request(product_id: ProductId) -> RequestOptions:
    return RequestOptions.from_generated(get_product._get_kwargs(_uuid(product_id)))


def create_product_request(
    *,
    name: str,
    category: str,
    price: Price,
    description: str | None,
    stock: int | None,
    status: ProductStatus | str | None,
) -> RequestOptions:
    body = CreateProductRequest(
        name=name,
        category=category,
        price=price,
        description=description,
        stock=stock,
        status=_status(status),
    )
    return RequestOptions.from_generated(create_product._get_kwargs(body=body))


def update_product_request(
    product_id: ProductId,
    *,
    name: str | None,
    description: str | None,
    category: str | None,
    price: Price | None,
    stock: int | None,
    status: ProductStatus | str | None,
) -> RequestOptions:
    body = UpdateProductRequest(
        name=name,
        description=description,
        category=category,
        price=price,
        stock=stock,
        status=_status(status),
    )
    return RequestOptions.from_generated(update_product._get_kwargs(_uuid(product_id), body=body))


def delete_product_request(product_id: ProductId) -> RequestOptions:
    return RequestOptions.from_generated(delete_product._get_kwargs(_uuid(product_id)))


def get_product_deletion_request(deletion_id: DeletionId) -> RequestOptions:
    return RequestOptions.from_generated(get_product_deletion._get_kwargs(_uuid(deletion_id)))


def list_product_reviews_request(product_id: ProductId, *, cursor: str | None, limit: int | None) -> RequestOptions:
    kwargs = list_product_reviews._get_kwargs(_uuid(product_id), cursor=cursor, limit=limit)
    return RequestOptions.from_generated(kwargs)


def get_product_rating_request(product_id: ProductId) -> RequestOptions:
    return RequestOptions.from_generated(get_product_rating._get_kwargs(_uuid(product_id)))


def get_my_review_request(product_id: ProductId) -> RequestOptions:
    return RequestOptions.from_generated(get_my_review._get_kwargs(_uuid(product_id)))


def write_my_review_request(product_id: ProductId, *, rating: int, text: str | None) -> RequestOptions:
    body = ReviewRequest(rating=rating, text=text)
    return RequestOptions.from_generated(write_my_review._get_kwargs(_uuid(product_id), body=body))


def delete_my_review_request(product_id: ProductId) -> RequestOptions:
    return RequestOptions.from_generated(delete_my_review._get_kwargs(_uuid(product_id)))


def list_notifications_request(*, cursor: str | None, limit: int | None) -> RequestOptions:
    return RequestOptions.from_generated(list_notifications._get_kwargs(cursor=cursor, limit=limit))


def mark_notification_read_request(notification_id: UUID | str) -> RequestOptions:
    return RequestOptions.from_generated(mark_notification_read._get_kwargs(_uuid(notification_id)))


def get_balances_request() -> RequestOptions:
    return RequestOptions.from_generated(get_balances._get_kwargs())


def list_wallet_transactions_request(*, cursor: str | None, limit: int | None) -> RequestOptions:
    kwargs = list_wallet_transactions._get_kwargs(cursor=cursor, limit=limit)
    return RequestOptions.from_generated(kwargs)


def transfer_request(*, to_username: str, amount: int, currency: Currency) -> RequestOptions:
    body = TransferRequest(to_username=to_username, amount=_amount(amount, currency))
    return RequestOptions.from_generated(transfer._get_kwargs(body=body))


def convert_currency_request(*, amount: int, currency: Currency, to_currency: Currency) -> RequestOptions:
    body = ConversionRequest(amount=_amount(amount, currency), to_currency=enum_argument(WalletCurrency, to_currency))
    return RequestOptions.from_generated(convert_currency._get_kwargs(body=body))


def top_up_request(*, user_id: UUID | str, amount: int, currency: Currency) -> RequestOptions:
    body = TopUpRequest(user_id=_uuid(user_id), amount=_amount(amount, currency))
    return RequestOptions.from_generated(top_up._get_kwargs(body=body))


def charge_request(*, user_id: UUID | str, amount: int, currency: Currency, reference: str | None) -> RequestOptions:
    body = ChargeRequest(user_id=_uuid(user_id), amount=_amount(amount, currency), reference=reference)
    return RequestOptions.from_generated(charge._get_kwargs(body=body))


def refund_request(charge_id: UUID | str) -> RequestOptions:
    return RequestOptions.from_generated(refund._get_kwargs(_uuid(charge_id)))


def list_rates_request() -> RequestOptions:
    return RequestOptions.from_generated(list_rates._get_kwargs())


def set_rate_request(base: Currency, quote: Currency, *, rate: str) -> RequestOptions:
    kwargs = set_rate._get_kwargs(
        enum_argument(WalletCurrency, base), enum_argument(WalletCurrency, quote), body=SetRateRequest(rate=rate)
    )
    return RequestOptions.from_generated(kwargs)


def get_cart_request() -> RequestOptions:
    return RequestOptions.from_generated(get_cart._get_kwargs())


def set_cart_item_request(product_id: ProductId, *, quantity: int) -> RequestOptions:
    body = CartItemRequest(quantity=quantity)
    return RequestOptions.from_generated(set_cart_item._get_kwargs(_uuid(product_id), body=body))


def remove_cart_item_request(product_id: ProductId) -> RequestOptions:
    return RequestOptions.from_generated(remove_cart_item._get_kwargs(_uuid(product_id)))


def list_favourites_request(*, cursor: str | None, limit: int | None) -> RequestOptions:
    return RequestOptions.from_generated(list_favourites._get_kwargs(cursor=cursor, limit=limit))


def add_favourite_request(product_id: ProductId) -> RequestOptions:
    return RequestOptions.from_generated(add_favourite._get_kwargs(_uuid(product_id)))


def remove_favourite_request(product_id: ProductId) -> RequestOptions:
    return RequestOptions.from_generated(remove_favourite._get_kwargs(_uuid(product_id)))


def place_order_request(items: Iterable[OrderItemLike] | None) -> RequestOptions:
    body = PlaceOrderRequest(items=None if items is None else [_order_item(item) for item in items])
    return RequestOptions.from_generated(place_order._get_kwargs(body=body))


def list_orders_request(*, status: OrderStatus | str | None, cursor: str | None, limit: int | None) -> RequestOptions:
    kwargs = list_orders._get_kwargs(
        status=None if status is None else enum_argument(OrderStatus, status), cursor=cursor, limit=limit
    )
    return RequestOptions.from_generated(kwargs)


def get_order_request(order_id: UUID | str) -> RequestOptions:
    return RequestOptions.from_generated(get_order._get_kwargs(_uuid(order_id)))


def get_order_timeline_request(order_id: UUID | str) -> RequestOptions:
    return RequestOptions.from_generated(get_order_timeline._get_kwargs(_uuid(order_id)))


def cancel_order_request(order_id: UUID | str) -> RequestOptions:
    return RequestOptions.from_generated(cancel_order._get_kwargs(_uuid(order_id)))


def ship_order_request(order_id: UUID | str) -> RequestOptions:
    return RequestOptions.from_generated(ship_order._get_kwargs(_uuid(order_id)))


def deliver_order_request(order_id: UUID | str) -> RequestOptions:
    return RequestOptions.from_generated(deliver_order._get_kwargs(_uuid(order_id)))


def _status(value: ProductStatus | str | None) -> ProductStatus | None:
    return None if value is None else enum_argument(ProductStatus, value)


def _amount(amount: int, currency: Currency) -> Amount:
    return Amount(amount=amount, currency=enum_argument(WalletCurrency, currency))


def _order_item(item: OrderItemLike) -> OrderItem:
    if isinstance(item, OrderItem):
        return OrderItem(product_id=_uuid(item.product_id), quantity=item.quantity)
    product_id, quantity = item
    return OrderItem(product_id=_uuid(product_id), quantity=quantity)


def _uuid(value: UUID | str) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(value)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"{value!r} is not an id: badly formed UUID") from None


def enum_argument(kind: type[_E], value: _E | str) -> _E:
    """An enum argument, refused before sending when it is a string the SDK does not know.

    A member is sent as it is, so a value read from a newer server can be passed back.
    """
    if isinstance(value, kind):
        return value
    if value not in list(kind):
        known = ", ".join(kind)
        raise InvalidArgumentError(f"{value!r} is not a valid {kind.__name__}: expected one of {known}")
    return kind(value)
