"""The merch shop's data types, generated from contracts/rest/merch.yaml (`client.merch` returns them)."""

from agora_sdk._generated_merch.models import (
    AuthRequest,
    AuthResponse,
    CoinHistory,
    ErrorResponse,
    InfoResponse,
    InventoryItem,
    ReceivedCoins,
    SendCoinRequest,
    SentCoins,
)

__all__ = [
    "AuthRequest",
    "AuthResponse",
    "CoinHistory",
    "ErrorResponse",
    "InfoResponse",
    "InventoryItem",
    "ReceivedCoins",
    "SendCoinRequest",
    "SentCoins",
]
