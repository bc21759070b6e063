"""The base of every resource: a group of methods that send through the client's runtime."""

from __future__ import annotations

import inspect
from typing import Any

from agora_sdk._base_client import AsyncAPIClient, SyncAPIClient
from agora_sdk._response import async_to_raw_response, to_raw_response


class SyncAPIResource:
    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> RawResponses:
        """This resource's methods (and its sub-resources'), each returning an `APIResponse` of its result."""
        return RawResponses(self)


class AsyncAPIResource:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> AsyncRawResponses:
        """This resource's coroutine methods (and its sub-resources'), each returning an `APIResponse` of its result."""
        return AsyncRawResponses(self)


class RawResponses:
    """A resource's methods wrapped by `to_raw_response`; its sub-resources' through their own."""

    def __init__(self, resource: SyncAPIResource) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._resource, name)
        if isinstance(attribute, SyncAPIResource):
            return attribute.with_raw_response
        if name.startswith("_") or not callable(attribute):
            raise AttributeError(f"{type(self._resource).__name__}.{name} is not an API method")
        return to_raw_response(attribute)


class AsyncRawResponses:
    """A resource's coroutine methods wrapped by `async_to_raw_response`; its sub-resources' through their own."""

    def __init__(self, resource: AsyncAPIResource) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._resource, name)
        if isinstance(attribute, AsyncAPIResource):
            return attribute.with_raw_response
        if name.startswith("_") or not inspect.iscoroutinefunction(attribute):
            raise AttributeError(f"{type(self._resource).__name__}.{name} is not a single API call")
        return async_to_raw_response(attribute)
