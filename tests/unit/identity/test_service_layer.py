"""identity's use cases on the embedded store: accounts, log in, refresh-token rotation and reuse detection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from argon2 import PasswordHasher

from services.identity.domain import (
    InvalidCredentials,
    InvalidRefreshToken,
    RefreshTokenReused,
    Role,
    UsernameTaken,
    UserNotFound,
)
from services.identity.service import open_identity
from services.identity.service_layer import IdentityService
from services.platform.errors import InvalidArgument
from services.platform.ids import uuid7
from services.platform.settings import Settings


@pytest.fixture
async def identity(settings: Settings) -> AsyncIterator[IdentityService]:
    service, _keys, database = await open_identity(settings)
    yield service
    await database.close()


async def test_register_then_log_in_issues_a_verifiable_access_token(identity: IdentityService, settings: Settings):
    user = await identity.register("alice", "correct horse")
    pair = await identity.login("ALICE", "correct horse")

    header = jwt.get_unverified_header(pair.access_token)
    key = jwt.PyJWK(next(k.as_dict() for k in identity.tokens.keys.jwks() if k.kid == header["kid"])).key
    claims = jwt.decode(
        pair.access_token, key, algorithms=["EdDSA"], audience=settings.jwt_audience, issuer=settings.jwt_issuer
    )
    assert claims["sub"] == str(user.id)
    assert claims["role"] == "customer"
    assert claims["exp"] - claims["iat"] == settings.access_token_ttl_seconds
    assert header["alg"] == "EdDSA"


async def test_passwords_are_stored_as_argon2id_at_owasp_minimum(identity: IdentityService):
    user = await identity.register("bob", "password-1")
    assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert PasswordHasher().verify(user.password_hash, "password-1")


async def test_usernames_are_unique_regardless_of_case(identity: IdentityService):
    await identity.register("Carol", "password-1")
    with pytest.raises(UsernameTaken):
        await identity.register("carol", "password-2")


async def test_concurrent_registrations_of_one_name_create_one_account(identity: IdentityService):
    results = await asyncio.gather(
        *(identity.register("dave", f"password-{i}") for i in range(5)), return_exceptions=True
    )
    assert sum(not isinstance(r, BaseException) for r in results) == 1
    assert all(isinstance(r, UsernameTaken) for r in results if isinstance(r, BaseException))


@pytest.mark.parametrize(
    ("username", "password"), [("ab", "password-1"), ("bad name", "password-1"), ("erin", "short")]
)
async def test_register_rejects_shapes_the_contract_forbids(identity: IdentityService, username: str, password: str):
    with pytest.raises(InvalidArgument):
        await identity.register(username, password)


async def test_wrong_password_and_unknown_user_fail_alike(identity: IdentityService):
    await identity.register("frank", "password-1")
    with pytest.raises(InvalidCredentials):
        await identity.login("frank", "password-2")
    with pytest.raises(InvalidCredentials):
        await identity.login("nobody", "password-1")


async def test_refresh_rotates_and_the_old_token_no_longer_works(identity: IdentityService):
    await identity.register("grace", "password-1")
    first = await identity.login("grace", "password-1")
    second = await identity.refresh(first.refresh_token)
    assert second.refresh_token != first.refresh_token
    third = await identity.refresh(second.refresh_token)
    assert third.access_token


async def test_reusing_a_rotated_refresh_token_revokes_its_whole_family(identity: IdentityService):
    await identity.register("heidi", "password-1")
    stolen = await identity.login("heidi", "password-1")
    legitimate = await identity.refresh(stolen.refresh_token)

    with pytest.raises(RefreshTokenReused):
        await identity.refresh(stolen.refresh_token)
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh(legitimate.refresh_token)


async def test_other_log_ins_survive_a_revoked_family(identity: IdentityService):
    await identity.register("ivan", "password-1")
    phone = await identity.login("ivan", "password-1")
    laptop = await identity.login("ivan", "password-1")
    await identity.logout(phone.refresh_token)

    with pytest.raises(InvalidRefreshToken):
        await identity.refresh(phone.refresh_token)
    assert (await identity.refresh(laptop.refresh_token)).access_token


async def test_concurrent_refreshes_of_one_token_let_at_most_one_win(identity: IdentityService):
    await identity.register("judy", "password-1")
    pair = await identity.login("judy", "password-1")
    results = await asyncio.gather(*(identity.refresh(pair.refresh_token) for _ in range(4)), return_exceptions=True)
    assert sum(not isinstance(r, BaseException) for r in results) <= 1
    assert any(isinstance(r, RefreshTokenReused) for r in results)


async def test_expired_refresh_token_is_rejected(identity: IdentityService):
    await identity.register("ken", "password-1")
    pair = await identity.login("ken", "password-1")
    identity.clock = lambda: datetime.now(UTC) + identity.refresh_ttl + timedelta(seconds=1)
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh(pair.refresh_token)


async def test_unknown_refresh_token_is_rejected_and_logout_of_it_is_harmless(identity: IdentityService):
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh("x" * 64)
    await identity.logout("x" * 64)


async def test_make_admin_creates_or_promotes(identity: IdentityService):
    promoted = await identity.register("lena", "password-1")
    assert (await identity.make_admin("lena", "ignored-password")).role is Role.ADMIN
    assert (await identity.get_user(promoted.id)).role is Role.ADMIN
    created = await identity.make_admin("root", "password-1")
    assert (await identity.get_user(created.id)).role is Role.ADMIN
    pair = await identity.login("root", "password-1")
    assert jwt.decode(pair.access_token, options={"verify_signature": False})["role"] == "admin"


async def test_get_user_of_unknown_id_is_not_found(identity: IdentityService):
    with pytest.raises(UserNotFound):
        await identity.get_user(uuid7())
