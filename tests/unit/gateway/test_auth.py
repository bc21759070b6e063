"""The gateway's token checks: only EdDSA tokens from a known key, for this issuer and audience, unexpired."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest

from services.gateway.auth import TokenVerifier, VerifiedToken
from services.identity.adapters.keys import KeySet, TokenIssuer
from services.platform.rest import ProblemError
from services.platform.verified_tokens import VerifiedTokens
from tests.support import read_until

ISSUER, AUDIENCE = "agora", "agora-api"


@pytest.fixture
def keys(tmp_path: Path) -> KeySet:
    return KeySet.load(tmp_path)


@pytest.fixture
def issuer(keys: KeySet) -> TokenIssuer:
    return TokenIssuer(keys, ISSUER, AUDIENCE, timedelta(minutes=15))


@pytest.fixture
def verifier(keys: KeySet) -> TokenVerifier:
    async def fetch() -> list[dict[str, str]]:
        return [jwk.as_dict() for jwk in keys.jwks()]

    return TokenVerifier(fetch, ISSUER, AUDIENCE, min_refresh_seconds=0)


def b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def rejected(verifier: TokenVerifier, token: str) -> str:
    with pytest.raises(ProblemError) as caught:
        await verifier.verify(token)
    assert caught.value.status == 401
    return caught.value.code


async def test_a_fresh_token_yields_its_principal(verifier: TokenVerifier, issuer: TokenIssuer):
    user_id = uuid.uuid4()
    principal = await verifier.verify(issuer.access_token(user_id, "admin", datetime.now(UTC)))
    assert (principal.user_id, principal.role, principal.is_admin) == (str(user_id), "admin", True)


async def test_expired_token_is_reported_as_expired(verifier: TokenVerifier, issuer: TokenIssuer):
    token = issuer.access_token(uuid.uuid4(), "customer", datetime.now(UTC) - timedelta(hours=1))
    assert await rejected(verifier, token) == "token_expired"


async def test_alg_none_is_rejected(verifier: TokenVerifier, issuer: TokenIssuer, keys: KeySet):
    real = jwt.decode(
        issuer.access_token(uuid.uuid4(), "admin", datetime.now(UTC)), options={"verify_signature": False}
    )
    unsigned = f"{b64({'alg': 'none', 'typ': 'JWT', 'kid': keys.active_kid})}.{b64(real)}."
    assert await rejected(verifier, unsigned) == "invalid_token"


async def test_hmac_signed_with_the_public_key_is_rejected(verifier: TokenVerifier, keys: KeySet):
    public_x = keys.jwks()[0].x
    claims = {"sub": str(uuid.uuid4()), "role": "admin", "iss": ISSUER, "aud": AUDIENCE, "iat": 0, "exp": 2**40}
    forged = f"{b64({'alg': 'HS256', 'kid': keys.active_kid})}.{b64(claims)}"
    import hashlib
    import hmac

    signature = hmac.new(public_x.encode(), forged.encode(), hashlib.sha256).digest()
    token = f"{forged}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"
    assert await rejected(verifier, token) == "invalid_token"


async def test_tampered_claims_break_the_signature(verifier: TokenVerifier, issuer: TokenIssuer):
    header, payload, signature = issuer.access_token(uuid.uuid4(), "customer", datetime.now(UTC)).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["role"] = "admin"
    assert await rejected(verifier, f"{header}.{b64(claims)}.{signature}") == "invalid_token"


async def test_a_key_outside_the_set_is_rejected(verifier: TokenVerifier, tmp_path: Path):
    stranger = TokenIssuer(KeySet.load(tmp_path / "other"), ISSUER, AUDIENCE, timedelta(minutes=5))
    assert await rejected(verifier, stranger.access_token(uuid.uuid4(), "admin", datetime.now(UTC))) == "invalid_token"


@pytest.mark.parametrize(("iss", "aud"), [("someone-else", AUDIENCE), (ISSUER, "another-api")])
async def test_wrong_issuer_or_audience_is_rejected(verifier: TokenVerifier, keys: KeySet, iss: str, aud: str):
    foreign = TokenIssuer(keys, iss, aud, timedelta(minutes=5))
    assert (
        await rejected(verifier, foreign.access_token(uuid.uuid4(), "customer", datetime.now(UTC))) == "invalid_token"
    )


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c", "eyJhbGciOiJFZERTQSJ9.e30."])
async def test_malformed_tokens_are_rejected(verifier: TokenVerifier, token: str):
    assert await rejected(verifier, token) == "invalid_token"


async def test_a_token_without_required_claims_is_rejected(verifier: TokenVerifier, keys: KeySet):
    token = keys.sign({"sub": str(uuid.uuid4()), "role": "admin", "iss": ISSUER, "aud": AUDIENCE})
    assert await rejected(verifier, token) == "invalid_token"


async def test_unknown_role_is_rejected(verifier: TokenVerifier, issuer: TokenIssuer):
    assert await rejected(verifier, issuer.access_token(uuid.uuid4(), "root", datetime.now(UTC))) == "invalid_token"


async def test_a_token_verified_once_is_not_verified_again_until_it_expires(
    verifier: TokenVerifier, issuer: TokenIssuer, monkeypatch: pytest.MonkeyPatch
):
    decoded: list[str] = []
    decode = jwt.decode

    def counted(token: str, *args: Any, **kwargs: Any) -> Any:
        decoded.append(token)
        return decode(token, *args, **kwargs)

    monkeypatch.setattr(jwt, "decode", counted)
    # Issued so that it expires a second from now.
    token = issuer.access_token(uuid.uuid4(), "customer", datetime.now(UTC) - timedelta(minutes=15, seconds=-1))

    first, again = await verifier.verify(token), await verifier.verify(token)

    assert first == again
    assert len(decoded) == 1

    async def outcome() -> str:
        try:
            await verifier.verify(token)
        except ProblemError as error:
            return error.code
        return "trusted"

    assert await read_until(outcome, lambda code: code != "trusted", "the expiry", timeout=5) == "token_expired"


async def test_a_token_changed_by_one_byte_is_verified_afresh(verifier: TokenVerifier, issuer: TokenIssuer):
    token = issuer.access_token(uuid.uuid4(), "admin", datetime.now(UTC))
    await verifier.verify(token)
    header, claims, signature = token.split(".")
    tampered = f"{header}.{claims}.{signature[:-2]}{'A' if signature[-2] != 'A' else 'B'}{signature[-1]}"
    assert await rejected(verifier, tampered) == "invalid_token"


async def test_the_cache_keeps_the_most_recently_used_tokens_only(keys: KeySet, issuer: TokenIssuer):
    async def fetch() -> list[dict[str, str]]:
        return [jwk.as_dict() for jwk in keys.jwks()]

    verified: VerifiedTokens[VerifiedToken] = VerifiedTokens(capacity=2)
    verifier = TokenVerifier(fetch, ISSUER, AUDIENCE, min_refresh_seconds=0, verified=verified)
    first, second, third = (issuer.access_token(uuid.uuid4(), "customer", datetime.now(UTC)) for _ in range(3))
    for token in (first, second, first, third):
        await verifier.verify(token)

    assert verified.get(first) is not None
    assert verified.get(second) is None  # the least recently used, dropped for the third
    assert verified.get(third) is not None
