from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.loan import Loan
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    loan_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/credit/loans/{loan_id}".format(
            loan_id=quote(str(loan_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Loan | Problem | None:
    if response.status_code == 200:
        response_200 = Loan.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[Loan | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    loan_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Loan | Problem]:
    """One of my loans (admins, any) with its repayment schedule and each payment's status.

    Args:
        loan_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Loan | Problem]
    """

    kwargs = _get_kwargs(
        loan_id=loan_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    loan_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Loan | Problem | None:
    """One of my loans (admins, any) with its repayment schedule and each payment's status.

    Args:
        loan_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Loan | Problem
    """

    return sync_detailed(
        loan_id=loan_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    loan_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Loan | Problem]:
    """One of my loans (admins, any) with its repayment schedule and each payment's status.

    Args:
        loan_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Loan | Problem]
    """

    kwargs = _get_kwargs(
        loan_id=loan_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    loan_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Loan | Problem | None:
    """One of my loans (admins, any) with its repayment schedule and each payment's status.

    Args:
        loan_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Loan | Problem
    """

    return (
        await asyncio_detailed(
            loan_id=loan_id,
            client=client,
        )
    ).parsed
