"""The catalog: products and their stock."""

from __future__ import annotations

from agora_sdk._base_client import AsyncAPIClient, SyncAPIClient
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource
from agora_sdk.resources.products import AsyncProducts, Products


class Catalog(SyncAPIResource):
    products: Products

    def __init__(self, client: SyncAPIClient) -> None:
        super().__init__(client)
        self.products = Products(client)


class AsyncCatalog(AsyncAPIResource):
    products: AsyncProducts

    def __init__(self, client: AsyncAPIClient) -> None:
        super().__init__(client)
        self.products = AsyncProducts(client)
