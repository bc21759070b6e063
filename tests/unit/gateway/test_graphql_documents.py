"""The GraphQL document cache: a query text is parsed once and validated once, and the cache stays bounded."""

from __future__ import annotations

from unittest import mock

import graphql
from graphql import build_schema

from agora.graphql.agora.server import SDL
from services.gateway.graphql import documents as module
from services.gateway.graphql.documents import ParsedDocuments
from services.gateway.graphql.limits import Limits

SCHEMA = build_schema(SDL)


def test_a_query_is_parsed_and_validated_once_however_often_it_comes() -> None:
    cache = ParsedDocuments(Limits())
    query = "{ products(first: 1) { nodes { name } } }"

    with mock.patch.object(module, "validate", wraps=graphql.validate) as validate:
        first = cache.parsed(query)
        cache.validated(SCHEMA, first)
        again = cache.parsed(query)
        errors = cache.validated(SCHEMA, again)

    assert again is first
    assert errors == []
    assert validate.call_count == 1


def test_the_least_recently_used_document_is_dropped_and_parsed_anew() -> None:
    cache = ParsedDocuments(Limits(), size=2)
    oldest = cache.parsed("{ viewer { user { id } } }")
    cache.parsed("{ products { nodes { id } } }")
    cache.parsed('{ node(id: "x") { id } }')

    assert cache.parsed("{ viewer { user { id } } }") is not oldest
