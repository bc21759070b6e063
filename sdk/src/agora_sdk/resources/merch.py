"""The merch shop (contracts/rest/merch.yaml, under /api): coins, buying merch and sending coins to other users."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from agora_sdk import _merch_endpoints as endpoints
from agora_sdk._base_client import AsyncAPIClient, SyncAPIClient
from agora_sdk._generated_merch.models import AuthResponse, InfoResponse
from agora_sdk._options import CallOptions
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource

# The gateway applies a merch write each time it arrives: its /api routes keep no Idempotency-Key, so the SDK sends
# none, and `buy` and `send_coin` are never retried (a retry after a lost answer could buy or send twice). Reading,
# and signing in (a repeat signs in as the user the first attempt created), are retried as any call is.
# Every method takes `CallOptions` only: there is no idempotency key to choose.


class Merch(SyncAPIResource):
    def auth(self, *, username: str, password: str, **per_call: Unpack[CallOptions]) -> AuthResponse:
        """Signs in (the first time, with a new username, creates the user with 1,000 coins); the client then holds
        the token, which has no refresh token: sign in again once it expires."""
        response = self._client.request(endpoints.auth_request(username=username, password=password), _auth, **per_call)
        _hold(self._client, response)
        return response

    def info(self, **per_call: Unpack[CallOptions]) -> InfoResponse:
        """My coins, my inventory, and the coins I received and sent, summed per user."""
        return self._client.request(endpoints.get_info_request(), InfoResponse.from_dict, **per_call)

    def send_coin(self, *, to_user: str, amount: int, **per_call: Unpack[CallOptions]) -> None:
        """Sends `amount` coins to the user named `to_user`; sent once, never retried."""
        options = endpoints.send_coin_request(to_user=to_user, amount=amount)
        self._client.with_options(max_retries=0).request(options, None, **per_call)

    def buy(self, item: str, **per_call: Unpack[CallOptions]) -> None:
        """Buys one `item` (its name, such as "t-shirt") for its price in coins; sent once, never retried."""
        self._client.with_options(max_retries=0).request(endpoints.buy_request(item), None, **per_call)


class AsyncMerch(AsyncAPIResource):
    async def auth(self, *, username: str, password: str, **per_call: Unpack[CallOptions]) -> AuthResponse:
        """Signs in (the first time, with a new username, creates the user with 1,000 coins); the client then holds
        the token, which has no refresh token: sign in again once it expires."""
        options = endpoints.auth_request(username=username, password=password)
        response = await self._client.request(options, _auth, **per_call)
        _hold(self._client, response)
        return response

    async def info(self, **per_call: Unpack[CallOptions]) -> InfoResponse:
        """My coins, my inventory, and the coins I received and sent, summed per user."""
        return await self._client.request(endpoints.get_info_request(), InfoResponse.from_dict, **per_call)

    async def send_coin(self, *, to_user: str, amount: int, **per_call: Unpack[CallOptions]) -> None:
        """Sends `amount` coins to the user named `to_user`; sent once, never retried."""
        options = endpoints.send_coin_request(to_user=to_user, amount=amount)
        await self._client.with_options(max_retries=0).request(options, None, **per_call)

    async def buy(self, item: str, **per_call: Unpack[CallOptions]) -> None:
        """Buys one `item` (its name, such as "t-shirt") for its price in coins; sent once, never retried."""
        await self._client.with_options(max_retries=0).request(endpoints.buy_request(item), None, **per_call)


def _auth(body: Mapping[str, Any]) -> AuthResponse:
    response = AuthResponse.from_dict(body)
    if not isinstance(response.token, str) or not response.token:
        raise TypeError("the answer holds no token")
    return response


def _hold(client: SyncAPIClient | AsyncAPIClient, response: AuthResponse) -> None:
    # The merch token is an access token of its own user; a refresh token held from an earlier log in belongs to
    # whoever logged in then, so it is dropped rather than let a refresh sign the client back in as them.
    assert isinstance(response.token, str)  # checked by _auth
    client.access_token = response.token
    client.refresh_token = None
