"""The runtime both clients share: authentication, idempotency keys, retries with backoff, token refresh, errors."""

from __future__ import annotations

import asyncio
import email.utils
import enum
import logging
import os
import random
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from types import TracebackType
from typing import Any, Generic, Protocol, Self, TypeVar, Unpack, overload, runtime_checkable

import httpx

from agora_sdk import _constants as defaults
from agora_sdk._endpoints import refresh_tokens_request
from agora_sdk._exceptions import (
    AgoraError,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    GraphQLError,
    InvalidArgumentError,
    graphql_error,
    problem_of,
    status_error,
)
from agora_sdk._generated.models import TokenPair
from agora_sdk._logs import logger, redacted
from agora_sdk._options import MutationOptions, RequestOptions
from agora_sdk._response import record

_T = TypeVar("_T")
_HttpClientT = TypeVar("_HttpClientT", httpx.Client, httpx.AsyncClient)

Cast = Callable[[Mapping[str, Any]], _T]


def _file_content(body: Mapping[str, Any]) -> bytes:
    raise AssertionError("FILE_CONTENT is a marker: the runtime returns the body's bytes as they are")


FILE_CONTENT: Cast[bytes] = _file_content
"""The cast of an operation that answers with a file (a PDF, a CSV): the response body's bytes."""

# Transport failures worth another attempt; anything else (a malformed URL, say) fails at once.
_RETRYABLE_TRANSPORT_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


class _Step(enum.Enum):
    DONE = enum.auto()
    REFRESH = enum.auto()
    RETRY = enum.auto()


@dataclass(slots=True)
class _Call:
    """One SDK method call, across all the HTTP attempts it takes."""

    options: RequestOptions
    idempotency_key: str | None
    retries_taken: int = 0
    refreshed: bool = False


@dataclass(slots=True)
class _HeldTokens:
    """The token pair a client holds, shared with its `with_options` copies so a refresh by one serves all."""

    access: str | None
    refresh: str | None


class BaseClient(Generic[_HttpClientT]):
    """Configuration, held tokens and every decision of the request loop, shared by the sync and async clients."""

    base_url: str
    timeout: httpx.Timeout
    max_retries: int

    def __init__(
        self,
        *,
        http_client: _HttpClientT,
        owns_http_client: bool,
        base_url: str | httpx.URL | None,
        access_token: str | None,
        refresh_token: str | None,
        timeout: httpx.Timeout,
        max_retries: int,
        initial_retry_delay: float,
        max_retry_delay: float,
    ) -> None:
        if max_retries < 0:
            raise InvalidArgumentError("max_retries must be 0 or more")
        if initial_retry_delay < 0 or max_retry_delay < 0:
            raise InvalidArgumentError("retry delays must be 0 or more")
        self._http: _HttpClientT = http_client
        self._owns_http_client = owns_http_client
        self.base_url = str(base_url or os.environ.get(defaults.BASE_URL_ENV) or defaults.DEFAULT_BASE_URL).rstrip("/")
        self._tokens = _HeldTokens(access_token or os.environ.get(defaults.ACCESS_TOKEN_ENV), refresh_token)
        self.timeout = timeout
        self.max_retries = max_retries
        self.initial_retry_delay = initial_retry_delay
        self.max_retry_delay = max_retry_delay

    @property
    def access_token(self) -> str | None:
        return self._tokens.access

    @access_token.setter
    def access_token(self, token: str | None) -> None:
        self._tokens.access = token

    @property
    def refresh_token(self) -> str | None:
        return self._tokens.refresh

    @refresh_token.setter
    def refresh_token(self, token: str | None) -> None:
        self._tokens.refresh = token

    def with_options(self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | None = None) -> Self:
        """A copy of this client with another default timeout or retry count; it sends through the same connection
        pool and holds the same tokens (a login, refresh or logout through either is seen by both)."""
        if max_retries is not None and max_retries < 0:
            raise InvalidArgumentError("max_retries must be 0 or more")
        copy = object.__new__(type(self))
        # The resources cached on this client are bound to it: the copy makes its own.
        cached = {
            name
            for klass in type(self).__mro__
            for name, value in vars(klass).items()
            if isinstance(value, cached_property)
        }
        copy.__dict__.update({name: value for name, value in vars(self).items() if name not in cached})
        copy._owns_http_client = False
        if timeout is not None:
            copy.timeout = _resolve_timeout(timeout, None)
        if max_retries is not None:
            copy.max_retries = max_retries
        return copy

    def _store_tokens(self, tokens: TokenPair) -> None:
        self.access_token = tokens.access_token
        self.refresh_token = tokens.refresh_token

    def _clear_tokens(self) -> None:
        self.access_token = None
        self.refresh_token = None

    def _held_refresh_token(self, given: str | None) -> str:
        token = given or self.refresh_token
        if not token:
            raise AgoraError("no refresh token: log in first, or pass one")
        return token

    def _begin(self, options: RequestOptions) -> _Call:
        # One key per call, reused by each of its attempts, so the API applies a mutation at most once.
        return _Call(options, (options.idempotency_key or str(uuid.uuid4())) if options.is_mutation else None)

    def _build_request(self, call: _Call) -> httpx.Request:
        headers = {"Accept": "application/json", "User-Agent": defaults.USER_AGENT, **call.options.headers}
        if call.idempotency_key is not None:
            headers[defaults.IDEMPOTENCY_HEADER] = call.idempotency_key
        if self.access_token:
            headers["Authorization"] = f"Bearer {self.access_token}"
        return self._http.build_request(
            call.options.method,
            self.base_url + call.options.path,
            params=call.options.params,
            json=call.options.json,
            headers=headers,
            timeout=self.timeout if call.options.timeout is None else _resolve_timeout(call.options.timeout, None),
        )

    def _next_step(self, call: _Call, response: httpx.Response) -> _Step:
        """What to do after a response: done, refresh the token and resend, or retry; raises when none applies."""
        error = (
            graphql_error(response) if call.options.graphql else None if response.is_success else status_error(response)
        )
        if error is None:
            return _Step.DONE
        if not isinstance(error, APIStatusError | GraphQLError):
            raise error
        if self._should_refresh(call, error):
            call.refreshed = True
            return _Step.REFRESH
        if call.retries_taken < self.max_retries and _is_retryable(error, keyed=call.idempotency_key is not None):
            return _Step.RETRY
        raise error

    def _should_refresh(self, call: _Call, error: APIStatusError | GraphQLError) -> bool:
        return (
            error.code == defaults.TOKEN_EXPIRED_CODE
            and call.options.refresh_on_expiry
            and not call.refreshed
            and self.refresh_token is not None
        )

    def _after_transport_error(self, call: _Call, request: httpx.Request, error: httpx.TransportError) -> float:
        """The delay before retrying after a failed attempt; raises when the call may not be retried."""
        if call.retries_taken < self.max_retries and isinstance(error, _RETRYABLE_TRANSPORT_ERRORS):
            return self._backoff(call, request, type(error).__name__, None)
        if isinstance(error, httpx.TimeoutException):
            raise APITimeoutError(request) from error
        raise APIConnectionError(request) from error

    def _backoff(self, call: _Call, request: httpx.Request, reason: str, response: httpx.Response | None) -> float:
        """Counts a retry and returns how long to wait first: the server's Retry-After, or backoff with jitter."""
        attempt = call.retries_taken
        call.retries_taken += 1
        delay = _retry_after(response)
        if delay is None:
            delay = min(self.initial_retry_delay * 2.0**attempt, self.max_retry_delay) * (1 - 0.25 * random.random())
        logger.info(
            "retrying %s %s in %.3f s (retry %d of %d): %s",
            request.method,
            request.url.path,
            delay,
            call.retries_taken,
            self.max_retries,
            reason,
        )
        return delay

    def _log_response(self, request: httpx.Request, response: httpx.Response, seconds: float) -> None:
        logger.info(
            "%s %s -> %d (request id %s) in %.1f ms",
            request.method,
            request.url.path,
            response.status_code,
            response.headers.get(defaults.REQUEST_ID_HEADER, "-"),
            seconds * 1000,
        )
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("request headers: %s", redacted(request.headers))
            logger.debug("response headers: %s", redacted(response.headers))

    def _log_refresh(self) -> None:
        logger.info("refreshing the token pair")

    @overload
    def _parse(self, response: httpx.Response, cast: Cast[_T]) -> _T: ...
    @overload
    def _parse(self, response: httpx.Response, cast: None) -> None: ...
    def _parse(self, response: httpx.Response, cast: Cast[_T] | None) -> _T | None:
        if cast is None:
            return None
        if cast is FILE_CONTENT:
            return response.content  # type: ignore[return-value]
        try:
            body = response.json()
            if not isinstance(body, dict):
                raise TypeError(f"expected a JSON object, got {type(body).__name__}")
            parsed = cast(body)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise APIResponseValidationError(
                response, f"the response body does not match the contract: {error!r}"
            ) from error
        if isinstance(parsed, ReadFromResponse):
            parsed._request_id = response.headers.get(defaults.REQUEST_ID_HEADER)
        return parsed


@runtime_checkable
class ReadFromResponse(Protocol):
    """A model that keeps the request id of the response it was read from (every generated model)."""

    _request_id: str | None


class SyncAPIClient(BaseClient[httpx.Client]):
    """The blocking runtime: sends each call, retrying and refreshing as the shared decisions say."""

    def __init__(
        self,
        *,
        base_url: str | httpx.URL | None = None,
        access_token: str | None = None,
        refresh_token: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = defaults.DEFAULT_MAX_RETRIES,
        initial_retry_delay: float = defaults.INITIAL_RETRY_DELAY,
        max_retry_delay: float = defaults.MAX_RETRY_DELAY,
        http_client: httpx.Client | None = None,
    ) -> None:
        resolved_timeout = _resolve_timeout(timeout, http_client)
        super().__init__(
            http_client=http_client if http_client is not None else httpx.Client(timeout=resolved_timeout),
            owns_http_client=http_client is None,
            base_url=base_url,
            access_token=access_token,
            refresh_token=refresh_token,
            timeout=resolved_timeout,
            max_retries=max_retries,
            initial_retry_delay=initial_retry_delay,
            max_retry_delay=max_retry_delay,
        )
        self._refresh_lock = threading.Lock()

    @overload
    def request(self, options: RequestOptions, cast: Cast[_T], **per_call: Unpack[MutationOptions]) -> _T: ...
    @overload
    def request(self, options: RequestOptions, cast: None, **per_call: Unpack[MutationOptions]) -> None: ...
    def request(self, options: RequestOptions, cast: Cast[_T] | None, **per_call: Unpack[MutationOptions]) -> _T | None:
        """Sends one call, with its retries and at most one token refresh, and parses the success body."""
        call = self._begin(options.with_call(per_call))
        while True:
            sent_token = self.access_token
            request = self._build_request(call)
            started = time.monotonic()
            try:
                response = self._http.send(request)
            except httpx.TransportError as error:
                time.sleep(self._after_transport_error(call, request, error))
                continue
            self._log_response(request, response, time.monotonic() - started)
            step = self._next_step(call, response)
            if step is _Step.DONE:
                record(response)
                return self._parse(response, cast)
            if step is _Step.REFRESH:
                self._refresh_expired(sent_token)
            else:
                time.sleep(self._backoff(call, request, _reason(response), response))

    def _rotate_tokens(self, refresh_token: str | None = None, **per_call: Unpack[MutationOptions]) -> TokenPair:
        with self._refresh_lock:
            return self._rotate_locked(self._held_refresh_token(refresh_token), **per_call)

    def _refresh_expired(self, expired_access_token: str | None) -> None:
        with self._refresh_lock:
            # Another call may have refreshed while this one waited: then its new token is used as is.
            if self.access_token == expired_access_token and self.refresh_token:
                self._rotate_locked(self.refresh_token)

    def _rotate_locked(self, refresh_token: str, **per_call: Unpack[MutationOptions]) -> TokenPair:
        self._log_refresh()
        tokens = self.request(refresh_tokens_request(refresh_token), TokenPair.from_dict, **per_call)
        self._store_tokens(tokens)
        return tokens

    def close(self) -> None:
        """Closes the HTTP client, unless the caller passed it in (then it is the caller's to close)."""
        if self._owns_http_client:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    """The asyncio runtime: the same loop as the blocking one, awaiting I/O and sleeps."""

    def __init__(
        self,
        *,
        base_url: str | httpx.URL | None = None,
        access_token: str | None = None,
        refresh_token: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = defaults.DEFAULT_MAX_RETRIES,
        initial_retry_delay: float = defaults.INITIAL_RETRY_DELAY,
        max_retry_delay: float = defaults.MAX_RETRY_DELAY,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        resolved_timeout = _resolve_timeout(timeout, http_client)
        super().__init__(
            http_client=http_client if http_client is not None else httpx.AsyncClient(timeout=resolved_timeout),
            owns_http_client=http_client is None,
            base_url=base_url,
            access_token=access_token,
            refresh_token=refresh_token,
            timeout=resolved_timeout,
            max_retries=max_retries,
            initial_retry_delay=initial_retry_delay,
            max_retry_delay=max_retry_delay,
        )
        self._refresh_lock = asyncio.Lock()

    @overload
    async def request(self, options: RequestOptions, cast: Cast[_T], **per_call: Unpack[MutationOptions]) -> _T: ...
    @overload
    async def request(self, options: RequestOptions, cast: None, **per_call: Unpack[MutationOptions]) -> None: ...
    async def request(
        self, options: RequestOptions, cast: Cast[_T] | None, **per_call: Unpack[MutationOptions]
    ) -> _T | None:
        """Sends one call, with its retries and at most one token refresh, and parses the success body."""
        call = self._begin(options.with_call(per_call))
        while True:
            sent_token = self.access_token
            request = self._build_request(call)
            started = time.monotonic()
            try:
                response = await self._http.send(request)
            except httpx.TransportError as error:
                await asyncio.sleep(self._after_transport_error(call, request, error))
                continue
            self._log_response(request, response, time.monotonic() - started)
            step = self._next_step(call, response)
            if step is _Step.DONE:
                record(response)
                return self._parse(response, cast)
            if step is _Step.REFRESH:
                await self._refresh_expired(sent_token)
            else:
                await asyncio.sleep(self._backoff(call, request, _reason(response), response))

    async def _rotate_tokens(self, refresh_token: str | None = None, **per_call: Unpack[MutationOptions]) -> TokenPair:
        async with self._refresh_lock:
            return await self._rotate_locked(self._held_refresh_token(refresh_token), **per_call)

    async def _refresh_expired(self, expired_access_token: str | None) -> None:
        async with self._refresh_lock:
            # Another call may have refreshed while this one waited: then its new token is used as is.
            if self.access_token == expired_access_token and self.refresh_token:
                await self._rotate_locked(self.refresh_token)

    async def _rotate_locked(self, refresh_token: str, **per_call: Unpack[MutationOptions]) -> TokenPair:
        self._log_refresh()
        tokens = await self.request(refresh_tokens_request(refresh_token), TokenPair.from_dict, **per_call)
        self._store_tokens(tokens)
        return tokens

    async def aclose(self) -> None:
        """Closes the HTTP client, unless the caller passed it in (then it is the caller's to close)."""
        if self._owns_http_client:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()


def _resolve_timeout(
    timeout: float | httpx.Timeout | None, http_client: httpx.Client | httpx.AsyncClient | None
) -> httpx.Timeout:
    """The caller's timeout; else the passed-in HTTP client's; else the SDK's default."""
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if timeout is not None:
        return httpx.Timeout(timeout)
    return http_client.timeout if http_client is not None else defaults.DEFAULT_TIMEOUT


def _is_retryable(error: APIStatusError | GraphQLError, *, keyed: bool) -> bool:
    """Whether another attempt may succeed; a 500 only when the idempotency key makes a second attempt safe."""
    status = error.status_code
    return (
        status in defaults.RETRYABLE_STATUSES
        or (status == 409 and error.code == defaults.RETRYABLE_CONFLICT_CODE)
        or (status == 500 and keyed)
    )


def _reason(response: httpx.Response) -> str:
    problem = problem_of(response)
    return f"{response.status_code} {problem.code}" if problem is not None else str(response.status_code)


def _retry_after(response: httpx.Response | None) -> float | None:
    """How long the response asks to wait, in seconds, when it asks reasonably: retry-after-ms (milliseconds) first,
    else Retry-After (seconds or an HTTP date)."""
    if response is None:
        return None
    seconds = _milliseconds(response.headers.get("retry-after-ms"))
    if seconds is None:
        seconds = _seconds_or_date(response.headers.get("Retry-After"))
    return seconds if seconds is not None and 0 <= seconds <= defaults.MAX_RETRY_AFTER else None


def _milliseconds(value: str | None) -> float | None:
    try:
        return float(value) / 1000 if value else None
    except ValueError:
        return None


def _seconds_or_date(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return (email.utils.parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()
    except (TypeError, ValueError):
        return None
