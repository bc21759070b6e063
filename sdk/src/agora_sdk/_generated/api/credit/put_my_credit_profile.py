from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.credit_profile import CreditProfile
from ...models.credit_profile_request import CreditProfileRequest
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: CreditProfileRequest,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/credit/profile",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreditProfile | Problem | None:
    if response.status_code == 200:
        response_200 = CreditProfile.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[CreditProfile | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreditProfileRequest,
    idempotency_key: str | None = None,
) -> Response[CreditProfile | Problem]:
    """Set my financial profile (income, debt, employment, birth date); applications are assessed against
    it.

    Args:
        idempotency_key (str | None):
        body (CreditProfileRequest): 422 `validation_failed` when the birth date makes the client
            younger than 18 or older than 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreditProfile | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreditProfileRequest,
    idempotency_key: str | None = None,
) -> CreditProfile | Problem | None:
    """Set my financial profile (income, debt, employment, birth date); applications are assessed against
    it.

    Args:
        idempotency_key (str | None):
        body (CreditProfileRequest): 422 `validation_failed` when the birth date makes the client
            younger than 18 or older than 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreditProfile | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreditProfileRequest,
    idempotency_key: str | None = None,
) -> Response[CreditProfile | Problem]:
    """Set my financial profile (income, debt, employment, birth date); applications are assessed against
    it.

    Args:
        idempotency_key (str | None):
        body (CreditProfileRequest): 422 `validation_failed` when the birth date makes the client
            younger than 18 or older than 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreditProfile | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreditProfileRequest,
    idempotency_key: str | None = None,
) -> CreditProfile | Problem | None:
    """Set my financial profile (income, debt, employment, birth date); applications are assessed against
    it.

    Args:
        idempotency_key (str | None):
        body (CreditProfileRequest): 422 `validation_failed` when the birth date makes the client
            younger than 18 or older than 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreditProfile | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
