"""The base of the generated blocking GraphQL client: the SDK's runtime (agora_sdk._graphql)."""

from agora_sdk._graphql import GraphQLBase


class BaseClient(GraphQLBase):
    pass
