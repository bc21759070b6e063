"""What one GraphQL document may ask for, checked before it runs; every refusal has its `extensions.code`.

The cost model (published in docs/architecture.md): each object field costs 1 and a mutation field 10, and what a
connection field selects counts `first` times (its default when not given). Scalars cost nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_composite_type,
)

from services.gateway.graphql.codes import GRAPHQL_VALIDATION_FAILED, refusal

MUTATION_COST = 10
CONNECTION_SUFFIX = "Connection"


@dataclass(frozen=True)
class Limits:
    max_depth: int = 10
    max_cost: int = 1000
    max_aliases: int = 30
    max_tokens: int = 5000
    max_query_bytes: int = 16_384


def refused(reason: str, message: str) -> GraphQLError:
    return refusal(message, reason, GRAPHQL_VALIDATION_FAILED)


class Measure:
    """The depth, cost and alias count of one operation of a document, fragments included."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any]) -> None:
        self.schema = schema
        self.variables = variables
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.aliases = 0

    def operation(self, operation: OperationDefinitionNode) -> tuple[int, int]:
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return 0, 0
        field_cost = MUTATION_COST if operation.operation is OperationType.MUTATION else 1
        return self.selection(operation.selection_set, root, 1, field_cost, set())

    def selection(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType, depth: int, field_cost: int, seen: set[str]
    ) -> tuple[int, int]:
        """(deepest level, cost) of a selection set whose fields are at `depth`."""
        deepest, cost = depth, 0
        fields = getattr(parent, "fields", {})
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                if node.alias is not None:
                    self.aliases += 1
                field = fields.get(node.name.value)
                if field is None or node.selection_set is None or not is_composite_type(get_named_type(field.type)):
                    continue
                child = get_named_type(field.type)
                child_depth, child_cost = self.selection(node.selection_set, child, depth + 1, 1, seen)
                times = self.first(node, field) if child.name.endswith(CONNECTION_SUFFIX) else 1
                deepest, cost = max(deepest, child_depth), cost + field_cost + times * child_cost
            elif isinstance(node, InlineFragmentNode):
                target = self.schema.get_type(node.type_condition.name.value) if node.type_condition else parent
                child_depth, child_cost = self.selection(node.selection_set, target or parent, depth, field_cost, seen)
                deepest, cost = max(deepest, child_depth), cost + child_cost
            elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
                fragment = self.fragments.get(node.name.value)
                if fragment is None:
                    continue
                target = self.schema.get_type(fragment.type_condition.name.value) or parent
                child_depth, child_cost = self.selection(
                    fragment.selection_set, target, depth, field_cost, seen | {node.name.value}
                )
                deepest, cost = max(deepest, child_depth), cost + child_cost
        return deepest, cost

    def first(self, node: FieldNode, field: Any) -> int:
        for argument in node.arguments or ():
            if argument.name.value != "first":
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(int(value.value), 0)
            if isinstance(value, VariableNode) and isinstance(self.variables.get(value.name.value), int):
                return max(int(self.variables[value.name.value]), 0)
        default = field.args["first"].default_value if "first" in field.args else None
        return default if isinstance(default, int) else 1


def measured_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None,
    limits: Limits,
) -> int:
    """The operation's cost; refuses it (`query_too_deep`, `query_too_costly`, `too_many_aliases`) past the limits."""
    measure = Measure(schema, document, variables or {})
    depth, cost = measure.operation(operation)
    if depth > limits.max_depth:
        raise refused("query_too_deep", f"the query is {depth} levels deep; at most {limits.max_depth} are allowed")
    if measure.aliases > limits.max_aliases:
        raise refused("too_many_aliases", f"the query has {measure.aliases} aliases; at most {limits.max_aliases}")
    if cost > limits.max_cost:
        raise refused("query_too_costly", f"the query costs {cost}; at most {limits.max_cost} is allowed")
    return cost
