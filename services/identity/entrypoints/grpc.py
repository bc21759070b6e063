"""identity's gRPC servicer: translates protobuf to use-case calls and back, nothing more."""

from __future__ import annotations

from typing import Any

from agora.identity.v1 import identity_pb2 as pb
from agora.identity.v1 import identity_pb2_grpc as pb_grpc
from services.identity.adapters.keys import KeySet
from services.identity.domain import Role, User, UserNotFound
from services.identity.service_layer import IdentityService, TokenPair
from services.platform.grpc_server import Servicer
from services.platform.ids import id_named, ids_named

ROLES = {Role.CUSTOMER: pb.ROLE_CUSTOMER, Role.ADMIN: pb.ROLE_ADMIN}
Context = Any


def user_message(user: User) -> pb.User:
    message = pb.User(id=str(user.id), username=user.username, role=ROLES[user.role])
    message.created_at.FromDatetime(user.created_at)
    return message


def token_message(pair: TokenPair) -> pb.TokenPair:
    return pb.TokenPair(access_token=pair.access_token, refresh_token=pair.refresh_token, expires_in=pair.expires_in)


class IdentityServicer(pb_grpc.IdentityServiceServicer):
    def __init__(self, service: IdentityService, keys: KeySet) -> None:
        self.service = service
        self.keys = keys

    async def Register(self, request: pb.RegisterRequest, context: Context) -> pb.RegisterResponse:
        user = await self.service.register(request.username, request.password)
        return pb.RegisterResponse(user=user_message(user))

    async def Login(self, request: pb.LoginRequest, context: Context) -> pb.LoginResponse:
        return pb.LoginResponse(tokens=token_message(await self.service.login(request.username, request.password)))

    async def LogInOrRegister(self, request: pb.LogInOrRegisterRequest, context: Context) -> pb.LogInOrRegisterResponse:
        pair, registered = await self.service.log_in_or_register(request.username, request.password)
        reply = pb.LogInOrRegisterResponse(tokens=token_message(pair))
        if registered is not None:
            reply.registered.CopyFrom(user_message(registered))
        return reply

    async def RefreshTokens(self, request: pb.RefreshTokensRequest, context: Context) -> pb.RefreshTokensResponse:
        return pb.RefreshTokensResponse(tokens=token_message(await self.service.refresh(request.refresh_token)))

    async def Logout(self, request: pb.LogoutRequest, context: Context) -> pb.LogoutResponse:
        await self.service.logout(request.refresh_token)
        return pb.LogoutResponse()

    async def GetUser(self, request: pb.GetUserRequest, context: Context) -> pb.GetUserResponse:
        user_id = id_named(request.user_id, "user", UserNotFound)
        return pb.GetUserResponse(user=user_message(await self.service.get_user(user_id)))

    async def BatchGetUsers(self, request: pb.BatchGetUsersRequest, context: Context) -> pb.BatchGetUsersResponse:
        users = await self.service.users(ids_named(request.user_ids, "user"))
        return pb.BatchGetUsersResponse(users=[user_message(user) for user in users])

    async def GetJwks(self, request: pb.GetJwksRequest, context: Context) -> pb.GetJwksResponse:
        return pb.GetJwksResponse(keys=[pb.Jwk(**jwk.as_dict()) for jwk in self.keys.jwks()])


def identity_servicer(service: IdentityService, keys: KeySet) -> Servicer:
    return Servicer(
        IdentityServicer(service, keys),
        pb_grpc.add_IdentityServiceServicer_to_server,
        pb.DESCRIPTOR.services_by_name["IdentityService"].full_name,
    )
