"""The base of the generated asyncio GraphQL client: the SDK's runtime (agora_sdk._graphql)."""

from agora_sdk._graphql import AsyncGraphQLBase


class AsyncBaseClient(AsyncGraphQLBase):
    pass
