"""The GraphQL surface (contracts/graphql/agora.graphql) on the gateway, over the same gRPC clients as REST."""
