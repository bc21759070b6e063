"""`agora keys rotate`: a new Ed25519 signing key that identity signs with from its next start; the older keys stay,
so tokens they signed verify until they expire, and `--prune` removes those no token can still need."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from pathlib import Path

from services.identity.adapters.keys import KeySet, write_new_key
from services.operator.errors import CliError
from services.platform.settings import Settings


@dataclass(frozen=True)
class Rotation:
    kid: str
    directory: Path
    signer: str  # the kid identity signs with once restarted: the new one unless AGORA_JWT_ACTIVE_KID names another
    kept: tuple[str, ...]
    pruned: tuple[str, ...]


def rotate(settings: Settings, prune: bool = False) -> Rotation:
    directory = settings.keys_dir
    try:
        directory.mkdir(parents=True, exist_ok=True)
        kid = write_new_key(directory)
    except OSError as error:
        raise CliError(
            f"cannot write a signing key to {directory}: {(error.strerror or str(error)).lower()}",
            "it must be writable by this user; AGORA_JWT_KEYS_DIR (or AGORA_DATA_DIR, whose jwt/ it is) chooses it",
        ) from None
    keys = _load(directory, settings.jwt_active_kid)
    if settings.jwt_active_kid is None and keys.active_kid != kid:
        raise CliError(
            f"the new key {kid} does not sort after {keys.active_kid}, which would keep signing",
            f"set AGORA_JWT_ACTIVE_KID={kid} for identity, or rename the keys not made by `agora keys rotate`",
        )
    pruned = prune_keys(directory, keys.active_kid, settings.access_token_ttl_seconds) if prune else ()
    kept = tuple(sorted(path.stem for path in directory.glob("*.pem")))
    return Rotation(kid, directory, keys.active_kid, kept, pruned)


def _load(directory: Path, active_kid: str | None) -> KeySet:
    try:
        return KeySet.load(directory, active_kid)
    except ValueError as error:  # a file that is no Ed25519 key, or AGORA_JWT_ACTIVE_KID naming none
        raise CliError(f"the keys in {directory} do not load: {error}", "identity would not start either") from None


def prune_keys(directory: Path, signer: str, access_token_ttl_seconds: float) -> tuple[str, ...]:
    """Removes each key older than the signer whose successor was written more than an access token's lifetime ago.

    A key signs until identity restarts with its successor, and what it signed expires an access token's lifetime
    later; refresh tokens are opaque (kept in identity's database), so no key needs to outlive an access token.
    """
    paths = sorted(directory.glob("*.pem"), key=lambda path: path.stem)
    cutoff = time.time() - access_token_ttl_seconds
    removed = []
    for older, successor in itertools.pairwise(paths):
        if older.stem < signer and successor.stat().st_mtime < cutoff:
            try:
                older.unlink()
            except OSError as error:
                message = f"cannot remove {older}: {(error.strerror or str(error)).lower()}"
                raise CliError(message, "the keys directory must be writable by this user") from None
            removed.append(older.stem)
    return tuple(removed)


def report(rotation: Rotation) -> str:
    lines = [rotation.kid]
    older = len(rotation.kept) - 1
    if rotation.signer == rotation.kid:
        kept = "no older key" if older == 0 else f"{older} older key{'s' if older > 1 else ''} kept"
        lines.append(
            f"{rotation.kid} signs once identity restarts (it reads {rotation.directory} at start); "
            f"{kept}, verifying the tokens signed before"
        )
    else:
        lines.append(
            f"AGORA_JWT_ACTIVE_KID={rotation.signer} still names the signer: {rotation.kid} is published at identity's "
            f"next start and signs once that variable names it (or is unset)"
        )
    if rotation.pruned:
        lines.append(f"pruned {len(rotation.pruned)}: {', '.join(rotation.pruned)}")
    return "\n".join(lines)
