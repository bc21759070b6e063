"""Passwords: a successful verification is remembered (by keyed hash, bounded, for a while); a wrong password, an
unknown user's decoy and a changed password always cost the full argon2id hash."""

from __future__ import annotations

from typing import Any

import pytest

from services.identity.adapters import passwords as module
from services.identity.adapters.passwords import Passwords, RememberedVerifications


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stored hashes argon2id verified against, in order (each a full, slow verification)."""
    made: list[str] = []
    verify = Passwords._verify

    def counted(self: Passwords, password_hash: str, password: str) -> Any:
        made.append(password_hash)
        return verify(self, password_hash, password)

    monkeypatch.setattr(module.Passwords, "_verify", counted)
    return made


async def test_a_login_right_after_registering_and_again_skips_the_hash(hashes: list[str]) -> None:
    passwords = Passwords(concurrency=2)
    stored = await passwords.hash("correct horse")

    assert await passwords.verify(stored, "correct horse")
    assert await passwords.verify(stored, "correct horse")
    assert hashes == []


async def test_a_login_verified_once_is_not_verified_again(hashes: list[str]) -> None:
    stored = await Passwords(concurrency=2).hash("correct horse")  # made by another process
    passwords = Passwords(concurrency=2)

    assert await passwords.verify(stored, "correct horse")
    assert await passwords.verify(stored, "correct horse")
    assert len(hashes) == 1


async def test_a_wrong_password_is_never_remembered(hashes: list[str]) -> None:
    passwords = Passwords(concurrency=2)
    stored = await passwords.hash("correct horse")
    assert await passwords.verify(stored, "correct horse")

    for _ in range(3):
        assert not await passwords.verify(stored, "battery staple")
    assert len(hashes) == 3


async def test_a_changed_password_matches_nothing_remembered(hashes: list[str]) -> None:
    passwords = Passwords(concurrency=2)
    old = await passwords.hash("correct horse")
    assert await passwords.verify(old, "correct horse")  # remembered from the hash

    new = await Passwords(concurrency=2).hash("battery staple")  # changed elsewhere: another stored hash
    assert not await passwords.verify(new, "correct horse")
    assert await passwords.verify(new, "battery staple")
    assert hashes == [new, new]


async def test_an_unknown_users_decoy_always_costs_the_full_hash(hashes: list[str]) -> None:
    passwords = Passwords(concurrency=2)
    for _ in range(3):
        await passwords.spend_equal_time("any password")
    assert len(hashes) == 3


def test_remembered_verifications_expire_are_bounded_and_keep_no_password() -> None:
    now = [1000.0]
    remembered = RememberedVerifications(capacity=2, seconds=60, clock=lambda: now[0])
    first, second, third = (remembered.key("$argon2id$stored", password) for password in ("a-1", "b-2", "c-3"))
    assert len(first) == 32  # an HMAC-SHA256 digest, not the password
    assert b"a-1" not in first

    remembered.remember(first)
    now[0] += 59
    assert remembered.recalls(first)
    now[0] += 2
    assert not remembered.recalls(first)  # expired

    for key in (first, second, third):
        remembered.remember(key)
    assert not remembered.recalls(first)  # the least recently used, dropped at capacity
    assert remembered.recalls(second)
    assert remembered.recalls(third)
    other_process = RememberedVerifications()
    assert other_process.key("$argon2id$stored", "a-1") != first  # keyed by each process's own secret
