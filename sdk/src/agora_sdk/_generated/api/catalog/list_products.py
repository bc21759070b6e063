from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.product_page import ProductPage
from ...types import Response


def _get_kwargs(
    *,
    category: str | None = None,
    cursor: str | None = None,
    limit: int | None = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["category"] = category

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/products",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProductPage | None:
    if response.status_code == 200:
        response_200 = ProductPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ProductPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    category: str | None = None,
    cursor: str | None = None,
    limit: int | None = 20,
) -> Response[Problem | ProductPage]:
    """List active products, oldest first, a page at a time.

    Args:
        category (str | None):
        cursor (str | None): An opaque position in a listing; every well-formed cursor is a valid
            position.
        limit (int | None):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProductPage]
    """

    kwargs = _get_kwargs(
        category=category,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    category: str | None = None,
    cursor: str | None = None,
    limit: int | None = 20,
) -> Problem | ProductPage | None:
    """List active products, oldest first, a page at a time.

    Args:
        category (str | None):
        cursor (str | None): An opaque position in a listing; every well-formed cursor is a valid
            position.
        limit (int | None):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProductPage
    """

    return sync_detailed(
        client=client,
        category=category,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    category: str | None = None,
    cursor: str | None = None,
    limit: int | None = 20,
) -> Response[Problem | ProductPage]:
    """List active products, oldest first, a page at a time.

    Args:
        category (str | None):
        cursor (str | None): An opaque position in a listing; every well-formed cursor is a valid
            position.
        limit (int | None):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProductPage]
    """

    kwargs = _get_kwargs(
        category=category,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    category: str | None = None,
    cursor: str | None = None,
    limit: int | None = 20,
) -> Problem | ProductPage | None:
    """List active products, oldest first, a page at a time.

    Args:
        category (str | None):
        cursor (str | None): An opaque position in a listing; every well-formed cursor is a valid
            position.
        limit (int | None):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProductPage
    """

    return (
        await asyncio_detailed(
            client=client,
            category=category,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
