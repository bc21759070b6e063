"""Which entry points need a signed-in caller: an anonymous request for one is refused before it runs."""

from __future__ import annotations

from graphql import DocumentNode, FieldNode, GraphQLSchema, OperationDefinitionNode

from services.gateway.graphql.codes import UNAUTHENTICATED, refusal

PUBLIC_FIELDS = {
    "Query": {"viewer", "products", "product", "node", "nodes"},
    "Mutation": {"register", "logIn", "refreshTokens", "logOut"},
}
"""The entry points a caller without a token may use (the viewer is then null); every other one refuses the
request before it runs."""


def chosen_operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    named = [o for o in operations if name is None or (o.name is not None and o.name.value == name)]
    return named[0] if named else None


def require_token_for(schema: GraphQLSchema, operation: OperationDefinitionNode) -> None:
    """Refuses an anonymous operation that asks for an entry point only a signed-in caller may use."""
    root = schema.get_root_type(operation.operation)
    if root is None:
        return
    public = PUBLIC_FIELDS.get(root.name, set())
    for selection in operation.selection_set.selections:
        name = selection.name.value if isinstance(selection, FieldNode) else None
        if name in root.fields and name not in public:
            message = f"{name} needs an access token: send `Authorization: Bearer <token>`"
            raise refusal(message, "missing_token", UNAUTHENTICATED)
