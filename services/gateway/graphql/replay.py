"""Idempotency-Key on a document of mutations, with the REST semantics: the first answer for a caller and key is
kept (services/gateway/idempotency.py, in the gateway's store) and replayed to every retry of the same body, with
`Idempotent-Replayed: true`; the key with another body is refused (`idempotency_key_reused`), and a retry that
overtakes the first attempt is told to retry (`idempotency_key_in_progress`, HTTP 409, as on REST).

An answer that failed for a passing reason (a service unavailable, a fault) is not kept, so a retry runs again;
nor is one that issues tokens (`logIn`, `refreshTokens`): a retry of those logs in again.
Money and order mutations also hand their services a key per field (Context.key_for), which they keep in their
own databases.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from graphql import FieldNode, GraphQLError, OperationType
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from services.gateway.graphql.access import chosen_operation
from services.gateway.graphql.codes import INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE, TOO_MANY_REQUESTS
from services.gateway.graphql.documents import ParsedDocuments
from services.gateway.graphql.errors import request_error
from services.gateway.idempotency import Idempotency
from services.platform.context import Principal
from services.platform.rest import ProblemError

OPERATION_ID = "graphql"
TOKEN_FIELDS = frozenset({"logIn", "refreshTokens"})
"""The mutations whose answers carry tokens: never kept, never replayed."""
PASSING = frozenset({INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE, TOO_MANY_REQUESTS})

Answer = tuple[Response, dict[str, Any]]
ErrorFormatter = Callable[[GraphQLError], dict[str, Any]]


def replays_mutations(documents: ParsedDocuments, data: Any) -> bool:
    """Whether the request runs mutations whose answer may be replayed: none that issues tokens (a document that
    does not parse runs nothing: it is refused later)."""
    if not isinstance(data, dict) or not isinstance(data.get("query"), str):
        return False
    try:
        operation = chosen_operation(documents.parsed(data["query"]), data.get("operationName"))
    except GraphQLError:
        return False
    if operation is None or operation.operation != OperationType.MUTATION:
        return False
    # A fragment at the top could hide a token field: only plain fields are looked through, and replayed.
    return all(
        isinstance(selection, FieldNode) and selection.name.value not in TOKEN_FIELDS
        for selection in operation.selection_set.selections
    )


def failed_in_passing(result: dict[str, Any]) -> bool:
    return any((error.get("extensions") or {}).get("code") in PASSING for error in result.get("errors") or [])


async def answered_once(
    idempotency: Idempotency,
    request: Request,
    key: str,
    principal: Principal | None,
    answer: Callable[[], Awaitable[Answer]],
    format_error: ErrorFormatter,
) -> Response:
    passing = False

    async def call() -> Response:
        nonlocal passing
        response, result = await answer()
        passing = failed_in_passing(result)
        return response

    try:
        return await idempotency.run(
            request, call, operation_id=OPERATION_ID, key=key, principal=principal, kept=lambda _: not passing
        )
    except ProblemError as problem:
        return JSONResponse({"errors": [format_error(request_error(problem))]}, status_code=problem.status)
