"""Raw responses: the final HTTP response of a call, next to the result it was parsed into."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Generic, ParamSpec, TypeVar

import httpx

from agora_sdk._constants import REPLAYED_HEADER, REQUEST_ID_HEADER

_T = TypeVar("_T")
_P = ParamSpec("_P")

# The responses of the calls made inside a raw-response wrapper; a context variable, so concurrent calls on other
# threads or tasks keep their own.
_captured: ContextVar[list[httpx.Response] | None] = ContextVar("agora_sdk_captured_responses", default=None)


def record(response: httpx.Response) -> None:
    """Keeps a successful response for the raw-response wrapper the call runs in, if any."""
    captured = _captured.get()
    if captured is not None:
        captured.append(response)


class APIResponse(Generic[_T]):
    """A call's final HTTP response (after its retries and any token refresh) and its parsed result."""

    def __init__(self, http_response: httpx.Response, parsed: _T) -> None:
        self.http_response = http_response
        self._parsed = parsed

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The gateway's `X-Request-Id` for the request, to quote when reporting a problem."""
        request_id: str | None = self.http_response.headers.get(REQUEST_ID_HEADER)
        return request_id

    @property
    def idempotent_replayed(self) -> bool:
        """Whether the API answered with the stored result of an earlier call with the same idempotency key."""
        replayed: str = self.http_response.headers.get(REPLAYED_HEADER, "")
        return replayed.lower() == "true"

    def parse(self) -> _T:
        """The result the method returns without `with_raw_response`."""
        return self._parsed


def to_raw_response(method: Callable[_P, _T]) -> Callable[_P, APIResponse[_T]]:
    """The method, answering with its last HTTP response as well as its result."""

    @functools.wraps(method)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_T]:
        captured: list[httpx.Response] = []
        token = _captured.set(captured)
        try:
            parsed = method(*args, **kwargs)
        finally:
            _captured.reset(token)
        return APIResponse(_last(captured, method), parsed)

    return wrapped


def async_to_raw_response(method: Callable[_P, Awaitable[_T]]) -> Callable[_P, Awaitable[APIResponse[_T]]]:
    """The coroutine method, answering with its last HTTP response as well as its result."""

    @functools.wraps(method)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_T]:
        captured: list[httpx.Response] = []
        token = _captured.set(captured)
        try:
            parsed = await method(*args, **kwargs)
        finally:
            _captured.reset(token)
        return APIResponse(_last(captured, method), parsed)

    return wrapped


def _last(captured: list[httpx.Response], method: Callable[..., object]) -> httpx.Response:
    if not captured:
        raise TypeError(f"{method.__qualname__} sends no request by itself, so it has no raw response")
    return captured[-1]
