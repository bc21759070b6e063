"""Browser assets taken from the npm registry, pinned by version and integrity, so that the pages the gateway
serves (the GraphQL explorer, Swagger UI for both REST contracts, the AsyncAPI page) load nothing from the network.

Each package's tarball is downloaded once into a cache (`.tools/npm-cache/`), checked against the integrity the
registry publishes (sha512, as in a package-lock.json), and the files named here are copied with its licence.
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str
    files: tuple[str, ...]  # paths inside the tarball's package/ folder, copied flat

    @property
    def tarball_url(self) -> str:
        return f"{REGISTRY}/{self.name}/-/{self.name.rsplit('/', 1)[-1]}-{self.version}.tgz"


PACKAGES = (
    NpmPackage(
        "react",
        "18.3.1",
        "sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ==",
        ("umd/react.production.min.js", "LICENSE"),
    ),
    NpmPackage(
        "react-dom",
        "18.3.1",
        "sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw==",
        ("umd/react-dom.production.min.js", "LICENSE"),
    ),
    NpmPackage(
        "graphiql",
        "3.8.3",
        "sha512-cuPDYtXVKV86Pu5PHBX642Odi/uVEE2y1Jxq5rGO/Qy1G2lRp7ZZ7a/T30RzxhuLSWo9zUbzq0P3U49//H0Ugw==",
        ("graphiql.min.js", "graphiql.min.css", "LICENSE"),
    ),
    NpmPackage(
        "graphql-ws",
        "5.16.2",
        "sha512-E1uccsZxt/96jH/OwmLPuXMACILs76pKF2i3W861LpKBCYtGIyPQGtWLuBLkND4ox1KHns70e83PS4te50nvPQ==",
        ("umd/graphql-ws.min.js", "LICENSE.md"),
    ),
    NpmPackage(
        "swagger-ui-dist",
        "5.36.0",
        "sha512-Lt6/Kb0gXmLdiabLhvso4VdJP9V7qJWB0zh0gzeXUV3+CMOTzMmvpJRSXN7EAjfwixwmoi9ezDbLHiexC7lA9A==",
        ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"),
    ),
    NpmPackage(
        "@asyncapi/react-component",
        "3.2.1",
        "sha512-k5ZqJd6+oxYaQ2o6F3rGWJ1MTIjXdpsUYB3NKQbVqr4yzrN0Ovj5c7eZx8NGd3wfKPhbOrLREtYl9K2OPfnSsA==",
        ("browser/standalone/index.js", "styles/default.min.css", "LICENSE"),
    ),
)


def tarball(package: NpmPackage, cache: Path) -> bytes:
    cached = cache / f"{package.name.replace('/', '+')}-{package.version}.tgz"
    if cached.exists():
        data = cached.read_bytes()
    else:
        with urllib.request.urlopen(package.tarball_url, timeout=60) as response:
            data = response.read()
    algorithm, expected = package.integrity.split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise SystemExit(f"{package.tarball_url}: integrity {algorithm}-{actual} is not the pinned {package.integrity}")
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
    return data


def vendor(out: Path, cache: Path) -> None:
    """Writes out/<package>/<file> for every pinned file (licences too)."""
    for package in PACKAGES:
        target = out / package.name
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(tarball(package, cache)), mode="r:gz") as archive:
            for file in package.files:
                member = archive.extractfile(f"package/{file}")
                if member is None:
                    raise SystemExit(f"{package.name}@{package.version} has no {file}")
                with member, (target / Path(file).name).open("wb") as copy:
                    shutil.copyfileobj(member, copy)
