"""Contains all the data models used in inputs/outputs"""

from .create_product_request import CreateProductRequest
from .field_error import FieldError
from .login_request import LoginRequest
from .logout_request import LogoutRequest
from .notification import Notification
from .notification_data import NotificationData
from .notification_page import NotificationPage
from .price import Price
from .problem import Problem
from .product import Product
from .product_page import ProductPage
from .product_status import ProductStatus
from .refresh_request import RefreshRequest
from .register_request import RegisterRequest
from .role import Role
from .token_pair import TokenPair
from .token_pair_token_type import TokenPairTokenType
from .update_product_request import UpdateProductRequest
from .user import User

__all__ = (
    "CreateProductRequest",
    "FieldError",
    "LoginRequest",
    "LogoutRequest",
    "Notification",
    "NotificationData",
    "NotificationPage",
    "Price",
    "Problem",
    "Product",
    "ProductPage",
    "ProductStatus",
    "RefreshRequest",
    "RegisterRequest",
    "Role",
    "TokenPair",
    "TokenPairTokenType",
    "UpdateProductRequest",
    "User",
)
