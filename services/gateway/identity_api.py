"""agora.v1's identity operations, served by calling identity over gRPC."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC
from typing import TypeVar

import grpc

from agora.identity.v1 import identity_pb2 as pb
from agora.rest.agora_v1 import models
from agora.rest.agora_v1.server import IdentityApi
from services.gateway.connections import Connections
from services.gateway.rate_limits import RateLimits
from services.gateway.wallet_api import open_accounts
from services.platform.context import Principal
from services.platform.errors import ERROR_CODE_METADATA
from services.platform.grpc_client import Caller

Reply = TypeVar("Reply")
WRONG_CREDENTIALS = "invalid_credentials"
"""identity's code for a wrong username or password (on login and on the merch shop's sign-in)."""

ROLES = {pb.ROLE_CUSTOMER: models.Role.customer, pb.ROLE_ADMIN: models.Role.admin}


def user_model(user: pb.User) -> models.User:
    return models.User(
        id=uuid.UUID(user.id),
        username=user.username,
        role=ROLES[user.role],
        created_at=user.created_at.ToDatetime(tzinfo=UTC),
    )


def token_pair_model(tokens: pb.TokenPair) -> models.TokenPair:
    return models.TokenPair(
        access_token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        token_type=models.TokenType.Bearer,
        expires_in=tokens.expires_in,
    )


async def signed_in(limits: RateLimits, username: str, sign_in: Callable[[], Awaitable[Reply]]) -> Reply:
    """A sign-in under the rate limits: counted for the client's address, refused while the account has had too
    many wrong passwords, and a wrong password counted for the account."""
    await limits.sign_in(username)
    try:
        return await sign_in()
    except grpc.aio.AioRpcError as error:
        if dict(error.trailing_metadata() or ()).get(ERROR_CODE_METADATA) == WRONG_CREDENTIALS:
            await limits.wrong_password(username)
        raise


class IdentityApiOverGrpc(IdentityApi):
    def __init__(self, connections: Connections, call: Caller, limits: RateLimits) -> None:
        self.connections = connections
        self.call = call
        self.limits = limits

    async def register(self, *, body: models.RegisterRequest) -> models.User:
        await self.limits.sign_in(body.username)
        reply = await self.call(
            self.connections.identity.Register, pb.RegisterRequest(username=body.username, password=body.password)
        )
        await open_accounts(self.connections, self.call, reply.user.id, reply.user.username)
        return user_model(reply.user)

    async def users(self, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, models.User]:
        """Users by id, in one call; ids nobody has are left out."""
        request = pb.BatchGetUsersRequest(user_ids=[str(user_id) for user_id in user_ids])
        reply = await self.call(self.connections.identity.BatchGetUsers, request)
        return {user.id: user for user in map(user_model, reply.users)}

    async def login(self, *, body: models.LoginRequest) -> models.TokenPair:
        request = pb.LoginRequest(username=body.username, password=body.password)
        reply = await signed_in(self.limits, body.username, lambda: self.call(self.connections.identity.Login, request))
        return token_pair_model(reply.tokens)

    async def refresh_tokens(self, *, body: models.RefreshRequest) -> models.TokenPair:
        reply = await self.call(
            self.connections.identity.RefreshTokens, pb.RefreshTokensRequest(refresh_token=body.refresh_token)
        )
        return token_pair_model(reply.tokens)

    async def logout(self, *, body: models.LogoutRequest) -> None:
        await self.call(self.connections.identity.Logout, pb.LogoutRequest(refresh_token=body.refresh_token))

    async def get_current_user(self, *, principal: Principal) -> models.User:
        return await self.get_user(uuid.UUID(principal.user_id), principal)

    async def get_user(self, user_id: uuid.UUID, principal: Principal | None = None) -> models.User:
        """Any user by id (GraphQL shows reviews' authors and orders' owners)."""
        reply = await self.call(
            self.connections.identity.GetUser, pb.GetUserRequest(user_id=str(user_id)), principal=principal
        )
        return user_model(reply.user)
