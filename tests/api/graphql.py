"""Calling /graphql from the tests: a document in, the whole answer (data, errors, extensions) out."""

from __future__ import annotations

from typing import Any

import httpx


async def graphql(
    api: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    response = await api.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {})
    assert response.headers["content-type"].startswith("application/json"), response.text
    answer: dict[str, Any] = response.json()
    return answer


def reasons(answer: dict[str, Any]) -> list[str]:
    """The `extensions.reason` (the REST problem's code) of every top-level error."""
    return [error["extensions"]["reason"] for error in answer.get("errors", [])]


def codes(answer: dict[str, Any]) -> list[str]:
    """The `extensions.code` (the error's class: BAD_USER_INPUT, UNAUTHENTICATED, ...) of every top-level error."""
    return [error["extensions"]["code"] for error in answer.get("errors", [])]
