"""Parsed and validated documents, kept by query text: graphql-core's parsing and validation cost more than a
lookup, and a client sends the same few documents again and again."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, TypeInfo, parse, validate

from services.gateway.graphql.codes import GRAPHQL_PARSE_FAILED, refusal
from services.gateway.graphql.limits import Limits

PARSED_DOCUMENTS = 512
"""How many distinct query texts keep their parsed document."""


class ParsedDocuments:
    """Parsed documents by query text, the most recently used kept; refuses oversized or overlong documents."""

    def __init__(self, limits: Limits, size: int = PARSED_DOCUMENTS) -> None:
        self.limits = limits
        self.size = size
        self._documents: OrderedDict[str, DocumentNode] = OrderedDict()
        self._cached: set[int] = set()  # id() of every document in `_documents`
        self._validated: dict[int, list[GraphQLError]] = {}

    def parsed(self, query: str) -> DocumentNode:
        document = self._documents.get(query)
        if document is not None:
            self._documents.move_to_end(query)
            return document
        if len(query.encode()) > self.limits.max_query_bytes:
            limit = self.limits.max_query_bytes
            raise refusal(f"a query has at most {limit} bytes", "query_too_large", GRAPHQL_PARSE_FAILED)
        try:
            document = parse(query, max_tokens=self.limits.max_tokens)
        except GraphQLError as error:
            too_long = "more than" in error.message and "tokens" in error.message
            reason = "too_many_tokens" if too_long else "graphql_parse_failed"
            extensions = {"code": GRAPHQL_PARSE_FAILED, "reason": reason}
            raise GraphQLError(
                error.message, error.nodes, error.source, error.positions, extensions=extensions
            ) from None
        self._documents[query] = document
        self._cached.add(id(document))
        if len(self._documents) > self.size:
            _, evicted = self._documents.popitem(last=False)
            self._cached.discard(id(evicted))
            self._validated.pop(id(evicted), None)
        return document

    def validated(
        self,
        schema: GraphQLSchema,
        document_ast: DocumentNode,
        rules: Collection[type[ASTValidationRule]] | None = None,
        max_errors: int | None = None,
        type_info: TypeInfo | None = None,
    ) -> list[GraphQLError]:
        """graphql-core's validation of a cached document, run once per document (the rules never change)."""
        errors = self._validated.get(id(document_ast))
        if errors is None:
            errors = validate(schema, document_ast, rules, max_errors)
            if id(document_ast) in self._cached:  # an evicted document's id may be reused by another
                self._validated[id(document_ast)] = errors
        return errors
