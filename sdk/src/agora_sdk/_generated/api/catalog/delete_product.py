from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.product_deletion import ProductDeletion
from ...types import Response


def _get_kwargs(
    product_id: UUID,
    *,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/products/{product_id}".format(
            product_id=quote(str(product_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProductDeletion | None:
    if response.status_code == 202:
        response_202 = ProductDeletion.from_dict(response.json())

        return response_202

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
) -> Response[Problem | ProductDeletion]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    product_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | None = None,
) -> Response[Problem | ProductDeletion]:
    """Start removing a product (admins only); follow it at `/v1/product-deletions/{deletion_id}`.

     The product is gone from the catalogue at once: reading it answers 404, and it cannot be ordered,
    carted, favoured or reviewed. Carts, favourites and reviews then drop their references to it,
    each confirming. When all have confirmed the product is removed; when one does not confirm in
    time, the deletion is undone: the product comes back with its former status and every reference
    is restored. Orders already placed keep their lines. Deleting a product whose deletion is under
    way returns that one.

    Args:
        product_id (UUID):
        idempotency_key (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProductDeletion]
    """

    kwargs = _get_kwargs(
        product_id=product_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    product_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | None = None,
) -> Problem | ProductDeletion | None:
    """Start removing a product (admins only); follow it at `/v1/product-deletions/{deletion_id}`.

     The product is gone from the catalogue at once: reading it answers 404, and it cannot be ordered,
    carted, favoured or reviewed. Carts, favourites and reviews then drop their references to it,
    each confirming. When all have confirmed the product is removed; when one does not confirm in
    time, the deletion is undone: the product comes back with its former status and every reference
    is restored. Orders already placed keep their lines. Deleting a product whose deletion is under
    way returns that one.

    Args:
        product_id (UUID):
        idempotency_key (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProductDeletion
    """

    return sync_detailed(
        product_id=product_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    product_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | None = None,
) -> Response[Problem | ProductDeletion]:
    """Start removing a product (admins only); follow it at `/v1/product-deletions/{deletion_id}`.

     The product is gone from the catalogue at once: reading it answers 404, and it cannot be ordered,
    carted, favoured or reviewed. Carts, favourites and reviews then drop their references to it,
    each confirming. When all have confirmed the product is removed; when one does not confirm in
    time, the deletion is undone: the product comes back with its former status and every reference
    is restored. Orders already placed keep their lines. Deleting a product whose deletion is under
    way returns that one.

    Args:
        product_id (UUID):
        idempotency_key (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProductDeletion]
    """

    kwargs = _get_kwargs(
        product_id=product_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    product_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | None = None,
) -> Problem | ProductDeletion | None:
    """Start removing a product (admins only); follow it at `/v1/product-deletions/{deletion_id}`.

     The product is gone from the catalogue at once: reading it answers 404, and it cannot be ordered,
    carted, favoured or reviewed. Carts, favourites and reviews then drop their references to it,
    each confirming. When all have confirmed the product is removed; when one does not confirm in
    time, the deletion is undone: the product comes back with its former status and every reference
    is restored. Orders already placed keep their lines. Deleting a product whose deletion is under
    way returns that one.

    Args:
        product_id (UUID):
        idempotency_key (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProductDeletion
    """

    return (
        await asyncio_detailed(
            product_id=product_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
