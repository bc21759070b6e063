"""The description of one call that the runtime sends, retries and maps errors for."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, TypedDict

import httpx

MUTATING_METHODS: Final = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class CallOptions(TypedDict, total=False):
    """What a caller may change for one call of any method: its timeout, and headers or query parameters to add."""

    timeout: float | httpx.Timeout
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, Any]


class MutationOptions(CallOptions, total=False):
    """A mutating call's options: also its idempotency key (chosen once, it survives a restart of the caller)."""

    idempotency_key: str


@dataclass(frozen=True, slots=True)
class RequestOptions:
    """What to send for one call, and whether an expired access token may be refreshed for it.

    `mutation` says whether the call changes state, and so carries an idempotency key (the caller's, else a new
    one per call); unset, the HTTP method decides. `graphql` reads the answer as a GraphQL result.
    """

    method: str
    path: str
    params: Mapping[str, Any] = field(default_factory=dict)
    json: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    refresh_on_expiry: bool = True
    mutation: bool | None = None
    idempotency_key: str | None = None
    graphql: bool = False
    timeout: float | httpx.Timeout | None = None

    @classmethod
    def from_generated(cls, kwargs: Mapping[str, Any], *, refresh_on_expiry: bool = True) -> RequestOptions:
        """Adopts the httpx arguments a generated operation module's request builder returns."""
        return cls(
            method=str(kwargs["method"]).upper(),
            path=str(kwargs["url"]),
            params=dict(kwargs.get("params", {})),
            json=kwargs.get("json"),
            headers={str(name): str(value) for name, value in kwargs.get("headers", {}).items()},
            refresh_on_expiry=refresh_on_expiry,
        )

    def with_call(self, call: MutationOptions) -> RequestOptions:
        """These options with the caller's per-call ones applied on top."""
        if not call:
            return self
        return dataclasses.replace(
            self,
            params={**self.params, **call.get("extra_query", {})},
            headers={**self.headers, **call.get("extra_headers", {})},
            timeout=call.get("timeout", self.timeout),
            idempotency_key=call.get("idempotency_key", self.idempotency_key),
        )

    @property
    def is_mutation(self) -> bool:
        return self.method in MUTATING_METHODS if self.mutation is None else self.mutation
