"""The codes of top-level GraphQL errors: `extensions.code` is the error's class, as GraphQL servers commonly name
it (Apollo's conventions, which clients and fuzzers read), and `extensions.reason` the REST problem's own code."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"
UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"
NOT_FOUND = "NOT_FOUND"
TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS"
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"

CODE_BY_STATUS = {
    401: UNAUTHENTICATED,
    403: FORBIDDEN,
    404: NOT_FOUND,
    429: TOO_MANY_REQUESTS,
    503: SERVICE_UNAVAILABLE,
}


def code_of_status(status: int) -> str:
    if status in CODE_BY_STATUS:
        return CODE_BY_STATUS[status]
    return INTERNAL_SERVER_ERROR if status >= 500 else BAD_USER_INPUT


def refusal(message: str, reason: str, code: str = BAD_USER_INPUT, **extensions: Any) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, "reason": reason, **extensions})
