"""The contract's data types, generated from agora.v1.yaml, and the marker for fields a model leaves out."""

from agora_sdk._generated.models import (
    CreateProductRequest,
    FieldError,
    LoginRequest,
    LogoutRequest,
    Price,
    Problem,
    Product,
    ProductPage,
    ProductStatus,
    RefreshRequest,
    RegisterRequest,
    Role,
    TokenPair,
    TokenPairTokenType,
    UpdateProductRequest,
    User,
)
from agora_sdk._generated.types import UNSET, Unset

__all__ = [
    "UNSET",
    "CreateProductRequest",
    "FieldError",
    "LoginRequest",
    "LogoutRequest",
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
    "Unset",
    "UpdateProductRequest",
    "User",
]
