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
    *,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/credit/loans/{loan_id}/repayment".format(
            loan_id=quote(str(loan_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
    idempotency_key: str | None = None,
) -> Response[Loan | Problem]:
    """Repay the principal still owed now, without further interest: one payment, collected from my wallet
    at
    once. Once it is paid the rest of the schedule is cancelled and the loan closes; without the money
    it is
    cancelled and the schedule stays. 409 `repayment_in_progress` while a payment is being collected.

    Args:
        loan_id (UUID):
        idempotency_key (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Loan | Problem]
    """

    kwargs = _get_kwargs(
        loan_id=loan_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    loan_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | None = None,
) -> Loan | Problem | None:
    """Repay the principal still owed now, without further interest: one payment, collected from my wallet
    at
    once. Once it is paid the rest of the schedule is cancelled and the loan closes; without the money
    it is
    cancelled and the schedule stays. 409 `repayment_in_progress` while a payment is being collected.

    Args:
        loan_id (UUID):
        idempotency_key (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Loan | Problem
    """

    return sync_detailed(
        loan_id=loan_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    loan_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | None = None,
) -> Response[Loan | Problem]:
    """Repay the principal still owed now, without further interest: one payment, collected from my wallet
    at
    once. Once it is paid the rest of the schedule is cancelled and the loan closes; without the money
    it is
    cancelled and the schedule stays. 409 `repayment_in_progress` while a payment is being collected.

    Args:
        loan_id (UUID):
        idempotency_key (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Loan | Problem]
    """

    kwargs = _get_kwargs(
        loan_id=loan_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    loan_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | None = None,
) -> Loan | Problem | None:
    """Repay the principal still owed now, without further interest: one payment, collected from my wallet
    at
    once. Once it is paid the rest of the schedule is cancelled and the loan closes; without the money
    it is
    cancelled and the schedule stays. 409 `repayment_in_progress` while a payment is being collected.

    Args:
        loan_id (UUID):
        idempotency_key (str | None):

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
            idempotency_key=idempotency_key,
        )
    ).parsed
