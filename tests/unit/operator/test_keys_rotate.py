"""`agora keys rotate`: the new key signs from identity's next start; tokens signed before it still verify."""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest

from services.gateway.auth import TokenVerifier
from services.identity.adapters.keys import KeySet, TokenIssuer
from services.platform.settings import Settings
from tests.unit.operator.conftest import agora

pytestmark = pytest.mark.usefixtures("data_dir")


def issuer_of(keys: KeySet, settings: Settings) -> TokenIssuer:
    return TokenIssuer(keys, settings.jwt_issuer, settings.jwt_audience, timedelta(minutes=15))


def verifier_of(keys: KeySet, settings: Settings) -> TokenVerifier:
    """The gateway's own verifier, with the key set's JWKS as identity would serve it."""

    async def fetch_jwks() -> list[dict[str, str]]:
        return [jwk.as_dict() for jwk in keys.jwks()]

    return TokenVerifier(fetch_jwks, settings.jwt_issuer, settings.jwt_audience)


async def test_a_token_signed_before_rotation_verifies_with_the_keys_after_and_the_new_key_signs(
    capsys: pytest.CaptureFixture[str],
):
    settings = Settings()
    before = KeySet.load(settings.keys_dir)  # identity's first start makes the first key
    user = uuid.uuid4()
    old_token = issuer_of(before, settings).access_token(user, "customer", datetime.now(UTC))

    ran = agora(capsys, "keys", "rotate")
    kid = ran.out.splitlines()[0]
    after = KeySet.load(settings.keys_dir)  # identity restarted
    new_token = issuer_of(after, settings).access_token(user, "admin", datetime.now(UTC))
    verifier = verifier_of(after, settings)

    assert ran.code == 0
    assert kid != before.active_kid
    assert after.active_kid == kid
    assert jwt.get_unverified_header(new_token)["kid"] == kid
    assert (await verifier.verify(old_token)).user_id == str(user)
    assert (await verifier.verify(new_token)).role == "admin"
    assert {jwk.kid for jwk in after.jwks()} == {before.active_kid, kid}
    assert "1 older key kept" in ran.out


def test_each_rotation_makes_the_signer_even_within_one_second(capsys: pytest.CaptureFixture[str]):
    settings = Settings()
    kids = [agora(capsys, "keys", "rotate").out.splitlines()[0] for _ in range(4)]

    assert kids == sorted(kids)
    assert len(set(kids)) == 4
    assert KeySet.load(settings.keys_dir).active_kid == kids[-1]


def test_prune_keeps_the_key_identity_signed_with_until_now_and_removes_the_ones_retired_long_ago(
    capsys: pytest.CaptureFixture[str],
):
    settings = Settings()
    oldest = agora(capsys, "keys", "rotate").out.splitlines()[0]
    retired = agora(capsys, "keys", "rotate").out.splitlines()[0]
    two_days_ago = time.time() - 2 * 86400
    for kid in (oldest, retired):
        os.utime(settings.keys_dir / f"{kid}.pem", (two_days_ago, two_days_ago))

    ran = agora(capsys, "keys", "rotate", "--prune")
    newest = ran.out.splitlines()[0]

    # `oldest` stopped signing when `retired` came, two days ago: every token it signed has expired. `retired`
    # signed until this rotation (identity is restarted after it): tokens it signed are still out there.
    assert sorted(path.stem for path in settings.keys_dir.glob("*.pem")) == [retired, newest]
    assert f"pruned 1: {oldest}" in ran.out


def test_prune_keeps_every_key_retired_within_an_access_tokens_lifetime(capsys: pytest.CaptureFixture[str]):
    settings = Settings()
    kids = [agora(capsys, "keys", "rotate").out.splitlines()[0] for _ in range(2)]

    ran = agora(capsys, "keys", "rotate", "--prune")

    assert len(list(settings.keys_dir.glob("*.pem"))) == 3
    assert "pruned" not in ran.out
    assert kids[0] in {path.stem for path in settings.keys_dir.glob("*.pem")}


def test_a_pinned_active_kid_keeps_signing_and_the_rotation_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
):
    pinned = agora(capsys, "keys", "rotate").out.splitlines()[0]
    monkeypatch.setenv("AGORA_JWT_ACTIVE_KID", pinned)

    ran = agora(capsys, "keys", "rotate")
    kid = ran.out.splitlines()[0]

    assert ran.code == 0
    assert f"AGORA_JWT_ACTIVE_KID={pinned} still names the signer" in ran.out
    assert KeySet.load(Settings().keys_dir, pinned).active_kid == pinned
    assert KeySet.load(Settings().keys_dir).active_kid == kid
