from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.wallet_transaction import WalletTransaction
from ...types import Response


def _get_kwargs(
    charge_id: UUID,
    *,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/wallet/charges/{charge_id}/refund".format(
            charge_id=quote(str(charge_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WalletTransaction | None:
    if response.status_code == 201:
        response_201 = WalletTransaction.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | WalletTransaction]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    charge_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | None = None,
) -> Response[Problem | WalletTransaction]:
    """Give a charge back in full, once (admins only).

    Args:
        charge_id (UUID):
        idempotency_key (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WalletTransaction]
    """

    kwargs = _get_kwargs(
        charge_id=charge_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    charge_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | None = None,
) -> Problem | WalletTransaction | None:
    """Give a charge back in full, once (admins only).

    Args:
        charge_id (UUID):
        idempotency_key (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WalletTransaction
    """

    return sync_detailed(
        charge_id=charge_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    charge_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | None = None,
) -> Response[Problem | WalletTransaction]:
    """Give a charge back in full, once (admins only).

    Args:
        charge_id (UUID):
        idempotency_key (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WalletTransaction]
    """

    kwargs = _get_kwargs(
        charge_id=charge_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    charge_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | None = None,
) -> Problem | WalletTransaction | None:
    """Give a charge back in full, once (admins only).

    Args:
        charge_id (UUID):
        idempotency_key (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WalletTransaction
    """

    return (
        await asyncio_detailed(
            charge_id=charge_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
