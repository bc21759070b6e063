"""The GraphQL client's types: `client.graphql`'s clients, the result models of each operation in sdk/graphql/
(`Products`, `ProductPage`, `Transfer`, ...), the input types (`TransferInput`, `MoneyInput`, ...), the enums and
GraphQLError."""

from agora_sdk._exceptions import GraphQLError as GraphQLError
from agora_sdk._generated_graphql import *  # noqa: F403
from agora_sdk._generated_graphql.client import GraphQLClient as GraphQLClient
