"""Contains all the data models used in inputs/outputs"""

from .amount import Amount
from .balance_list import BalanceList
from .cart import Cart
from .cart_item_request import CartItemRequest
from .cart_line import CartLine
from .charge_request import ChargeRequest
from .conversion import Conversion
from .conversion_request import ConversionRequest
from .counterparty import Counterparty
from .create_product_request import CreateProductRequest
from .favourite import Favourite
from .favourite_page import FavouritePage
from .field_error import FieldError
from .login_request import LoginRequest
from .logout_request import LogoutRequest
from .money import Money
from .notification import Notification
from .notification_data import NotificationData
from .notification_page import NotificationPage
from .order import Order
from .order_item import OrderItem
from .order_line import OrderLine
from .order_page import OrderPage
from .order_status import OrderStatus
from .order_timeline import OrderTimeline
from .place_order_request import PlaceOrderRequest
from .price import Price
from .problem import Problem
from .product import Product
from .product_deletion import ProductDeletion
from .product_deletion_state import ProductDeletionState
from .product_page import ProductPage
from .product_rating import ProductRating
from .product_status import ProductStatus
from .rate import Rate
from .rate_list import RateList
from .refresh_request import RefreshRequest
from .register_request import RegisterRequest
from .review import Review
from .review_page import ReviewPage
from .review_request import ReviewRequest
from .role import Role
from .set_rate_request import SetRateRequest
from .timeline_entry import TimelineEntry
from .token_pair import TokenPair
from .token_pair_token_type import TokenPairTokenType
from .top_up_request import TopUpRequest
from .total import Total
from .transfer_request import TransferRequest
from .update_product_request import UpdateProductRequest
from .user import User
from .wallet_currency import WalletCurrency
from .wallet_transaction import WalletTransaction
from .wallet_transaction_kind import WalletTransactionKind
from .wallet_transaction_page import WalletTransactionPage

__all__ = (
    "Amount",
    "BalanceList",
    "Cart",
    "CartItemRequest",
    "CartLine",
    "ChargeRequest",
    "Conversion",
    "ConversionRequest",
    "Counterparty",
    "CreateProductRequest",
    "Favourite",
    "FavouritePage",
    "FieldError",
    "LoginRequest",
    "LogoutRequest",
    "Money",
    "Notification",
    "NotificationData",
    "NotificationPage",
    "Order",
    "OrderItem",
    "OrderLine",
    "OrderPage",
    "OrderStatus",
    "OrderTimeline",
    "PlaceOrderRequest",
    "Price",
    "Problem",
    "Product",
    "ProductDeletion",
    "ProductDeletionState",
    "ProductPage",
    "ProductRating",
    "ProductStatus",
    "Rate",
    "RateList",
    "RefreshRequest",
    "RegisterRequest",
    "Review",
    "ReviewPage",
    "ReviewRequest",
    "Role",
    "SetRateRequest",
    "TimelineEntry",
    "TokenPair",
    "TokenPairTokenType",
    "TopUpRequest",
    "Total",
    "TransferRequest",
    "UpdateProductRequest",
    "User",
    "WalletCurrency",
    "WalletTransaction",
    "WalletTransactionKind",
    "WalletTransactionPage",
)
