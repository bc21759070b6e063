"""Identity: accounts, logging in and out, and the token pair the client holds."""

from __future__ import annotations

from typing import Unpack

from agora_sdk import _endpoints as endpoints
from agora_sdk._generated.models import TokenPair, User
from agora_sdk._options import CallOptions, MutationOptions
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource


class Identity(SyncAPIResource):
    def register(self, *, username: str, password: str, **per_call: Unpack[MutationOptions]) -> User:
        """Creates a customer account (it does not log in)."""
        options = endpoints.register_request(username=username, password=password)
        return self._client.request(options, User.from_dict, **per_call)

    def login(self, *, username: str, password: str, **per_call: Unpack[MutationOptions]) -> TokenPair:
        """Logs in; the client keeps the token pair and authenticates later calls with it."""
        options = endpoints.login_request(username=username, password=password)
        tokens = self._client.request(options, TokenPair.from_dict, **per_call)
        self._client._store_tokens(tokens)
        return tokens

    def refresh(self, refresh_token: str | None = None, **per_call: Unpack[MutationOptions]) -> TokenPair:
        """Rotates the held refresh token (or the one given) into a new pair, which the client then holds."""
        return self._client._rotate_tokens(refresh_token, **per_call)

    def logout(self, refresh_token: str | None = None, **per_call: Unpack[MutationOptions]) -> None:
        """Revokes the held refresh token (or the one given) and its log in; drops the held pair if it was that."""
        token = self._client._held_refresh_token(refresh_token)
        self._client.request(endpoints.logout_request(token), None, **per_call)
        if token == self._client.refresh_token:
            self._client._clear_tokens()

    def me(self, **per_call: Unpack[CallOptions]) -> User:
        """The account the held access token belongs to."""
        return self._client.request(endpoints.get_current_user_request(), User.from_dict, **per_call)


class AsyncIdentity(AsyncAPIResource):
    async def register(self, *, username: str, password: str, **per_call: Unpack[MutationOptions]) -> User:
        """Creates a customer account (it does not log in)."""
        options = endpoints.register_request(username=username, password=password)
        return await self._client.request(options, User.from_dict, **per_call)

    async def login(self, *, username: str, password: str, **per_call: Unpack[MutationOptions]) -> TokenPair:
        """Logs in; the client keeps the token pair and authenticates later calls with it."""
        options = endpoints.login_request(username=username, password=password)
        tokens = await self._client.request(options, TokenPair.from_dict, **per_call)
        self._client._store_tokens(tokens)
        return tokens

    async def refresh(self, refresh_token: str | None = None, **per_call: Unpack[MutationOptions]) -> TokenPair:
        """Rotates the held refresh token (or the one given) into a new pair, which the client then holds."""
        return await self._client._rotate_tokens(refresh_token, **per_call)

    async def logout(self, refresh_token: str | None = None, **per_call: Unpack[MutationOptions]) -> None:
        """Revokes the held refresh token (or the one given) and its log in; drops the held pair if it was that."""
        token = self._client._held_refresh_token(refresh_token)
        await self._client.request(endpoints.logout_request(token), None, **per_call)
        if token == self._client.refresh_token:
            self._client._clear_tokens()

    async def me(self, **per_call: Unpack[CallOptions]) -> User:
        """The account the held access token belongs to."""
        return await self._client.request(endpoints.get_current_user_request(), User.from_dict, **per_call)
