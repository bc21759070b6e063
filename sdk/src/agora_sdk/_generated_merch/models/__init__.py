"""Contains all the data models used in inputs/outputs"""

from .auth_request import AuthRequest
from .auth_response import AuthResponse
from .coin_history import CoinHistory
from .error_response import ErrorResponse
from .info_response import InfoResponse
from .inventory_item import InventoryItem
from .received_coins import ReceivedCoins
from .send_coin_request import SendCoinRequest
from .sent_coins import SentCoins

__all__ = (
    "AuthRequest",
    "AuthResponse",
    "CoinHistory",
    "ErrorResponse",
    "InfoResponse",
    "InventoryItem",
    "ReceivedCoins",
    "SendCoinRequest",
    "SentCoins",
)
