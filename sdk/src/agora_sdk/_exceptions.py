"""The errors the SDK raises: transport failures, one class per HTTP status carrying the problem document (or the
merch shop's `{"errors": "<message>"}`), and GraphQL's top-level errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from agora_sdk._constants import REQUEST_ID_HEADER
from agora_sdk._generated.models import FieldError, Problem
from agora_sdk._generated_merch.models import ErrorResponse

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AgoraError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "GraphQLError",
    "InternalServerError",
    "InvalidArgumentError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServiceUnavailableError",
    "UnprocessableEntityError",
]


class AgoraError(Exception):
    """The base of every error the SDK raises."""


class InvalidArgumentError(AgoraError, ValueError):
    """An argument refused before anything is sent: a malformed id, a value the contract does not allow."""


class APIConnectionError(AgoraError):
    """The request got no HTTP response: the connection failed or dropped."""

    def __init__(self, request: httpx.Request, message: str = "could not reach the Agora API") -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request got no HTTP response in time."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__(request, "the request to the Agora API timed out")


class APIResponseValidationError(AgoraError):
    """A successful response whose body does not match the contract."""

    def __init__(self, response: httpx.Response, message: str) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.body: Any = json_body(response)


class APIStatusError(AgoraError):
    """The API answered with a non-success status; the problem document's fields are attributes, the decoded JSON
    body (or None when it is not JSON) is `body`. A merch shop error has no problem document: its message is
    `detail`."""

    def __init__(self, status_code: int, problem: Problem | None, response: httpx.Response) -> None:
        self.status_code = status_code
        self.problem = problem
        self.response = response
        self.body: Any = json_body(response)
        self.code: str | None = problem.code if problem else None
        self.title: str | None = problem.title if problem else None
        self.type: str | None = problem.type_ if problem else None
        self.detail: str | None = _given(problem.detail) if problem else merch_message(response)
        self.errors: list[FieldError] = problem.errors if problem and isinstance(problem.errors, list) else []
        self.request_id: str | None = (_given(problem.request_id) if problem else None) or response.headers.get(
            REQUEST_ID_HEADER
        )
        super().__init__(self._describe())

    def _describe(self) -> str:
        title = self.title or self.response.reason_phrase or "error"
        message = f"{self.status_code} {title}"
        if self.code:
            message += f" [{self.code}]"
        if self.detail:
            message += f": {self.detail}"
        if self.errors:
            message += "; " + "; ".join(f"{error.location}: {error.message}" for error in self.errors)
        if self.request_id:
            message += f" (request id {self.request_id})"
        return message


class BadRequestError(APIStatusError):
    """400: the body is not JSON, or not of the declared media type."""


class AuthenticationError(APIStatusError):
    """401: missing, malformed, expired or revoked credentials."""


class PermissionDeniedError(APIStatusError):
    """403: the caller may not perform this operation."""


class NotFoundError(APIStatusError):
    """404: no such resource."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state, or reuses an idempotency key."""


class UnprocessableEntityError(APIStatusError):
    """422: the request is well-formed but breaks the contract's rules."""


class RateLimitError(APIStatusError):
    """429: too many requests."""


class InternalServerError(APIStatusError):
    """5xx: the API failed."""


class ServiceUnavailableError(InternalServerError):
    """503: a service behind the gateway did not answer in time."""


class GraphQLError(AgoraError):
    """A GraphQL answer with top-level errors: a refused request (a limit, authentication, a malformed document)
    or a fault. What a mutation refuses for a reason the caller can act on comes in its payload's `user_errors`.

    `code` is the first error's stable code (`token_expired`, `query_too_deep`, `not_found`, ...), `category` its
    class (`UNAUTHENTICATED`, `GRAPHQL_VALIDATION_FAILED`, ...); `errors` are the errors as sent, `data` whatever
    the answer held besides them.
    """

    def __init__(
        self,
        errors: Sequence[Mapping[str, Any]],
        *,
        data: Mapping[str, Any] | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        self.errors = [dict(error) for error in errors]
        self.data = dict(data) if data else None
        self.response = response
        self.status_code: int | None = response.status_code if response is not None else None
        extensions = self.errors[0].get("extensions") or {} if self.errors else {}
        self.category: str | None = extensions.get("code")
        self.code: str | None = extensions.get("reason") or self.category
        self.request_id: str | None = response.headers.get(REQUEST_ID_HEADER) if response is not None else None
        messages = "; ".join(str(error.get("message", "")) for error in self.errors) or "GraphQL error"
        super().__init__(f"{messages} [{self.code}]" if self.code else messages)


_ERROR_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    503: ServiceUnavailableError,
}


def status_error(response: httpx.Response) -> APIStatusError:
    """The error a non-success response stands for."""
    status = response.status_code
    error_class = _ERROR_BY_STATUS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    return error_class(status, problem_of(response), response)


def graphql_error(response: httpx.Response) -> AgoraError | None:
    """The error a GraphQL answer stands for: its top-level errors, or the HTTP failure when it is not one."""
    body = json_body(response)
    if isinstance(body, dict) and body.get("errors"):
        errors, data = body["errors"], body.get("data")
        if isinstance(errors, list) and all(isinstance(error, dict) for error in errors):
            return GraphQLError(errors, data=data if isinstance(data, dict) else None, response=response)
    if not response.is_success:
        return status_error(response)
    if not isinstance(body, dict) or not isinstance(body.get("data"), dict):
        return APIResponseValidationError(response, "the answer is not a GraphQL result")
    return None


def json_body(response: httpx.Response) -> Any:
    """The response's body decoded from JSON, or None when it is not JSON."""
    try:
        return response.json()
    except ValueError:
        return None


def problem_of(response: httpx.Response) -> Problem | None:
    """The response's problem document, or None when the body is not one."""
    body = json_body(response)
    if not isinstance(body, dict):
        return None
    try:
        return Problem.from_dict(body)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def merch_message(response: httpx.Response) -> str | None:
    """The message of a merch shop error (`{"errors": "<message>"}`), or None when the body is not one."""
    body = json_body(response)
    if not isinstance(body, dict) or not isinstance(body.get("errors"), str):
        return None
    message = ErrorResponse.from_dict(body).errors
    return message if isinstance(message, str) else None


def _given(value: object) -> str | None:
    # An optional field the body left out: the generator's marker or None, whichever its templates give.
    return value if isinstance(value, str) else None
