"""How refusals reach a GraphQL client: `userErrors` in a mutation's payload for what the caller can act on,
a top-level error with `extensions.code` for a refused or failed request. Codes are the REST problems' codes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import grpc
import pydantic
from graphql import GraphQLError

from services.gateway.graphql.codes import code_of_status, refusal
from services.gateway.graphql.context import Context, Info, context_of
from services.gateway.graphql.ids import InvalidId
from services.gateway.problems import rpc_problem
from services.platform.context import Principal
from services.platform.rest import ProblemError

T = TypeVar("T")
ACCESS_TOKEN_CODES = {"missing_token", "invalid_token", "token_expired"}
"""Refusals of the request's access token: the whole request is refused (the SDK refreshes and retries)."""


def refuses_request(problem: ProblemError) -> bool:
    """A fault, a rate limit or a bad access token; wrong credentials or a spent refresh token are the caller's."""
    return problem.status >= 500 or problem.status == 429 or problem.code in ACCESS_TOKEN_CODES


class InvalidInput(Exception):
    """An input field the REST models cannot say is wrong (a currency among the wallet's, for one)."""

    def __init__(self, field: Sequence[str], code: str, message: str) -> None:
        super().__init__(message)
        self.field, self.code, self.message = list(field), code, message


def request_error(problem: ProblemError) -> GraphQLError:
    extensions: dict[str, Any] = {"status": problem.status}
    if "Retry-After" in problem.headers:
        extensions["retryAfter"] = int(problem.headers["Retry-After"])
    return refusal(problem.detail, problem.code, code_of_status(problem.status), **extensions)


def problem_of(error: Exception) -> ProblemError | None:
    if isinstance(error, grpc.aio.AioRpcError):
        return rpc_problem(error)
    if isinstance(error, ProblemError):
        return error
    return None


async def queried(call: Awaitable[T]) -> T | None:
    """A query field's value; None when the service has no such object, a top-level error for any refusal."""
    try:
        return await call
    except (grpc.aio.AioRpcError, ProblemError) as error:
        problem = problem_of(error)
        assert problem is not None
        if problem.status == 404:
            return None
        raise request_error(problem) from None


async def answered(call: Awaitable[T]) -> T:
    """A query field's value that always exists; any refusal is a top-level error."""
    try:
        return await call
    except (grpc.aio.AioRpcError, ProblemError) as error:
        problem = problem_of(error)
        assert problem is not None
        raise request_error(problem) from None


def user_error(field: Sequence[str] | None, code: str, message: str) -> dict[str, Any]:
    return {"field": list(field) if field is not None else None, "code": code, "message": message}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


async def mutated(result_field: str, call: Callable[[], Awaitable[Any]], refused: Any = None) -> dict[str, Any]:
    """A mutation's payload: `{result_field: result, userErrors: []}`, or `refused` and the refusal as a user error.

    Input that breaks the REST contract's rules (checked by its models) is `validation_failed` on its field;
    a service's 4xx refusal is its code; a missing token, a rate limit and faults are top-level errors.
    """
    try:
        return {result_field: await call(), "user_errors": []}
    except pydantic.ValidationError as error:
        errors = [
            user_error(["input", *(camel(str(part)) for part in item["loc"])], "validation_failed", item["msg"])
            for item in error.errors()
        ]
        return {result_field: refused, "user_errors": errors}
    except InvalidInput as error:
        return {result_field: refused, "user_errors": [user_error(error.field, error.code, error.message)]}
    except InvalidId as error:
        return {result_field: refused, "user_errors": [user_error(["input"], "invalid_id", error.message)]}
    except (grpc.aio.AioRpcError, ProblemError) as error:
        problem = problem_of(error)
        assert problem is not None
        if refuses_request(problem):
            raise request_error(problem) from None
        return {result_field: refused, "user_errors": [user_error(None, problem.code, problem.detail)]}


async def signed_in_change(
    info: Info, result_field: str, change: Callable[[Context, Principal], Awaitable[Any]], refused: Any = None
) -> dict[str, Any]:
    """A mutation only a signed-in caller may make (without a token the request is refused), as its payload."""
    context = context_of(info)
    principal = context.signed_in()
    return await mutated(result_field, lambda: change(context, principal), refused)


def rest_pages(list_page: Callable[[str | None, int], Awaitable[Any]]) -> Callable[[str | None, int], Awaitable[Any]]:
    """A connection's fetch over a REST listing (`items`, `next_cursor`); any refusal is a top-level error."""

    async def fetch(cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
        page = await answered(list_page(cursor, limit))
        return page.items, page.next_cursor

    return fetch
