"""The gateway's token checks: only EdDSA tokens from a known key, for this issuer and audience, unexpired."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest

from services.gateway.auth import TokenVerifier
from services.identity.adapters.keys import KeySet, TokenIssuer
from services.platform.rest import ProblemError

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
