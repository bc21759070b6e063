from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.rate import Rate
from ...models.set_rate_request import SetRateRequest
from ...models.wallet_currency import WalletCurrency
from ...types import Response


def _get_kwargs(
    base_currency: WalletCurrency,
    quote_currency: WalletCurrency,
    *,
    body: SetRateRequest,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/wallet/rates/{base_currency}/{quote_currency}".format(
            base_currency=quote(str(base_currency), safe=""),
            quote_currency=quote(str(quote_currency), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Rate | None:
    if response.status_code == 200:
        response_200 = Rate.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | Rate]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    base_currency: WalletCurrency,
    quote_currency: WalletCurrency,
    *,
    client: AuthenticatedClient,
    body: SetRateRequest,
    idempotency_key: str | None = None,
) -> Response[Problem | Rate]:
    """Set how many units of the quote currency one unit of the base buys, until the rate expires (admins).

    Args:
        base_currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY
            none, the others two digits.
        quote_currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY
            none, the others two digits.
        idempotency_key (str | None):
        body (SetRateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Rate]
    """

    kwargs = _get_kwargs(
        base_currency=base_currency,
        quote_currency=quote_currency,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    base_currency: WalletCurrency,
    quote_currency: WalletCurrency,
    *,
    client: AuthenticatedClient,
    body: SetRateRequest,
    idempotency_key: str | None = None,
) -> Problem | Rate | None:
    """Set how many units of the quote currency one unit of the base buys, until the rate expires (admins).

    Args:
        base_currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY
            none, the others two digits.
        quote_currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY
            none, the others two digits.
        idempotency_key (str | None):
        body (SetRateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Rate
    """

    return sync_detailed(
        base_currency=base_currency,
        quote_currency=quote_currency,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    base_currency: WalletCurrency,
    quote_currency: WalletCurrency,
    *,
    client: AuthenticatedClient,
    body: SetRateRequest,
    idempotency_key: str | None = None,
) -> Response[Problem | Rate]:
    """Set how many units of the quote currency one unit of the base buys, until the rate expires (admins).

    Args:
        base_currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY
            none, the others two digits.
        quote_currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY
            none, the others two digits.
        idempotency_key (str | None):
        body (SetRateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Rate]
    """

    kwargs = _get_kwargs(
        base_currency=base_currency,
        quote_currency=quote_currency,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    base_currency: WalletCurrency,
    quote_currency: WalletCurrency,
    *,
    client: AuthenticatedClient,
    body: SetRateRequest,
    idempotency_key: str | None = None,
) -> Problem | Rate | None:
    """Set how many units of the quote currency one unit of the base buys, until the rate expires (admins).

    Args:
        base_currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY
            none, the others two digits.
        quote_currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY
            none, the others two digits.
        idempotency_key (str | None):
        body (SetRateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Rate
    """

    return (
        await asyncio_detailed(
            base_currency=base_currency,
            quote_currency=quote_currency,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
