from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.order_page import OrderPage
from ...models.order_status import OrderStatus
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    status: OrderStatus | None = None,
    cursor: str | None = None,
    limit: int | None = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | None = None
    if status is not None:
        json_status = status.value
    params["status"] = json_status

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/orders",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrderPage | Problem | None:
    if response.status_code == 200:
        response_200 = OrderPage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OrderPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: OrderStatus | None = None,
    cursor: str | None = None,
    limit: int | None = 20,
) -> Response[OrderPage | Problem]:
    """My orders, newest first (an admin sees everyone's); optionally of one status.

    Args:
        status (OrderStatus | None):
        cursor (str | None): An opaque position in a listing; every well-formed cursor is a valid
            position.
        limit (int | None):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderPage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: OrderStatus | None = None,
    cursor: str | None = None,
    limit: int | None = 20,
) -> OrderPage | Problem | None:
    """My orders, newest first (an admin sees everyone's); optionally of one status.

    Args:
        status (OrderStatus | None):
        cursor (str | None): An opaque position in a listing; every well-formed cursor is a valid
            position.
        limit (int | None):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderPage | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: OrderStatus | None = None,
    cursor: str | None = None,
    limit: int | None = 20,
) -> Response[OrderPage | Problem]:
    """My orders, newest first (an admin sees everyone's); optionally of one status.

    Args:
        status (OrderStatus | None):
        cursor (str | None): An opaque position in a listing; every well-formed cursor is a valid
            position.
        limit (int | None):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderPage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: OrderStatus | None = None,
    cursor: str | None = None,
    limit: int | None = 20,
) -> OrderPage | Problem | None:
    """My orders, newest first (an admin sees everyone's); optionally of one status.

    Args:
        status (OrderStatus | None):
        cursor (str | None): An opaque position in a listing; every well-formed cursor is a valid
            position.
        limit (int | None):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
