"""The API's resources, each a group of operations reachable as an attribute of a client."""

from agora_sdk.resources.catalog import AsyncCatalog, Catalog
from agora_sdk.resources.identity import AsyncIdentity, Identity
from agora_sdk.resources.notifications import AsyncNotifications, Notifications
from agora_sdk.resources.products import AsyncProducts, Products

__all__ = [
    "AsyncCatalog",
    "AsyncIdentity",
    "AsyncNotifications",
    "AsyncProducts",
    "Catalog",
    "Identity",
    "Notifications",
    "Products",
]
