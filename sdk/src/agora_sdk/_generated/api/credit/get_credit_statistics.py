import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.credit_statistics import CreditStatistics
from ...models.problem import Problem
from ...models.wallet_currency import WalletCurrency
from ...types import Response


def _get_kwargs(
    *,
    from_: datetime.date,
    to: datetime.date,
    currency: WalletCurrency,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_currency = currency.value
    params["currency"] = json_currency

    params = {k: v for k, v in params.items() if v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/credit/statistics",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreditStatistics | Problem | None:
    if response.status_code == 200:
        response_200 = CreditStatistics.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[CreditStatistics | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    currency: WalletCurrency,
) -> Response[CreditStatistics | Problem]:
    """The audit's statistics over a range of days (admins only): requests, results, offers and conversion,
    amounts in one currency's minor units.

    Args:
        from_ (datetime.date):
        to (datetime.date):
        currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none,
            the others two digits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreditStatistics | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        currency=currency,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    currency: WalletCurrency,
) -> CreditStatistics | Problem | None:
    """The audit's statistics over a range of days (admins only): requests, results, offers and conversion,
    amounts in one currency's minor units.

    Args:
        from_ (datetime.date):
        to (datetime.date):
        currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none,
            the others two digits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreditStatistics | Problem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        currency=currency,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    currency: WalletCurrency,
) -> Response[CreditStatistics | Problem]:
    """The audit's statistics over a range of days (admins only): requests, results, offers and conversion,
    amounts in one currency's minor units.

    Args:
        from_ (datetime.date):
        to (datetime.date):
        currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none,
            the others two digits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreditStatistics | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        currency=currency,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    currency: WalletCurrency,
) -> CreditStatistics | Problem | None:
    """The audit's statistics over a range of days (admins only): requests, results, offers and conversion,
    amounts in one currency's minor units.

    Args:
        from_ (datetime.date):
        to (datetime.date):
        currency (WalletCurrency): A currency the wallet keeps; COIN has no minor unit, JPY none,
            the others two digits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreditStatistics | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            currency=currency,
        )
    ).parsed
