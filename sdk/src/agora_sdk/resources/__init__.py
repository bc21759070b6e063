"""The API's resources, each a group of operations reachable as an attribute of a client."""

from agora_sdk.resources.catalog import AsyncCatalog, Catalog
from agora_sdk.resources.credit import AsyncCredit, Credit
from agora_sdk.resources.customers import (
    AsyncCustomers,
    AsyncFavourites,
    AsyncShoppingCart,
    Customers,
    Favourites,
    ShoppingCart,
)
from agora_sdk.resources.identity import AsyncIdentity, Identity
from agora_sdk.resources.merch import AsyncMerch, Merch
from agora_sdk.resources.notifications import AsyncNotifications, Notifications
from agora_sdk.resources.orders import AsyncOrders, Orders
from agora_sdk.resources.products import AsyncProducts, Products
from agora_sdk.resources.wallet import (
    AsyncRates,
    AsyncWallet,
    AsyncWalletTransactions,
    Rates,
    Wallet,
    WalletTransactions,
)

__all__ = [
    "AsyncCatalog",
    "AsyncCredit",
    "AsyncCustomers",
    "AsyncFavourites",
    "AsyncIdentity",
    "AsyncMerch",
    "AsyncNotifications",
    "AsyncOrders",
    "AsyncProducts",
    "AsyncRates",
    "AsyncShoppingCart",
    "AsyncWallet",
    "AsyncWalletTransactions",
    "Catalog",
    "Credit",
    "Customers",
    "Favourites",
    "Identity",
    "Merch",
    "Notifications",
    "Orders",
    "Products",
    "Rates",
    "ShoppingCart",
    "Wallet",
    "WalletTransactions",
]
