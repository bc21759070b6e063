"""Identity: accounts, logging in and out, and the token pair the client holds."""

from __future__ import annotations

from agora_sdk import _endpoints as endpoints
from agora_sdk._generated.models import TokenPair, User
from agora_sdk._resource import AsyncAPIResource, SyncAPIResource


class Identity(SyncAPIResource):
    def register(self, *, username: str, password: str) -> User:
        """Creates a customer account (it does not log in)."""
        options = endpoints.register_request(username=username, password=password)
        return self._client.request(options, User.from_dict)

    def login(self, *, username: str, password: str) -> TokenPair:
        """Logs in; the client keeps the token pair and authenticates later calls with it."""
        options = endpoints.login_request(username=username, password=password)
        tokens = self._client.request(options, TokenPair.from_dict)
        self._client._store_tokens(tokens)
        return tokens

    def refresh(self, refresh_token: str | None = None) -> TokenPair:
        """Rotates the held refresh token (or the one given) into a new pair, which the client then holds."""
        return self._client._rotate_tokens(refresh_token)

    def logout(self, refresh_token: str | None = None) -> None:
        """Revokes the held refresh token (or the one given) and its log in; drops the held pair if it was that."""
        token = self._client._held_refresh_token(refresh_token)
        self._client.request(endpoints.logout_request(token), None)
        if token == self._client.refresh_token:
            self._client._clear_tokens()

    def me(self) -> User:
        """The account the held access token belongs to."""
        return self._client.request(endpoints.get_current_user_request(), User.from_dict)


class AsyncIdentity(AsyncAPIResource):
    async def register(self, *, username: str, password: str) -> User:
        """Creates a customer account (it does not log in)."""
        options = endpoints.register_request(username=username, password=password)
        return await self._client.request(options, User.from_dict)

    async def login(self, *, username: str, password: str) -> TokenPair:
        """Logs in; the client keeps the token pair and authenticates later calls with it."""
        options = endpoints.login_request(username=username, password=password)
        tokens = await self._client.request(options, TokenPair.from_dict)
        self._client._store_tokens(tokens)
        return tokens

    async def refresh(self, refresh_token: str | None = None) -> TokenPair:
        """Rotates the held refresh token (or the one given) into a new pair, which the client then holds."""
        return await self._client._rotate_tokens(refresh_token)

    async def logout(self, refresh_token: str | None = None) -> None:
        """Revokes the held refresh token (or the one given) and its log in; drops the held pair if it was that."""
        token = self._client._held_refresh_token(refresh_token)
        await self._client.request(endpoints.logout_request(token), None)
        if token == self._client.refresh_token:
            self._client._clear_tokens()

    async def me(self) -> User:
        """The account the held access token belongs to."""
        return await self._client.request(endpoints.get_current_user_request(), User.from_dict)
