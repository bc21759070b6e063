"""Loading a contract for schemathesis from the embedded platform, every case signed in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from schemathesis.specs.openapi.schemas import OpenApiSchema

from services.embedded import embedded_app
from services.platform.settings import Settings
from tests.conftest import embedded_settings


def fuzzed_settings(data_dir: Path) -> Settings:
    """Embedded settings for a fuzzer, which sends thousands of requests as one user and guesses passwords: the
    rate limits are off (tests/api/test_rate_limits.py covers them)."""
    return embedded_settings(data_dir, rate_limit_requests_per_user="", rate_limit_wrong_passwords_per_account="")


def embedded_contract(settings: Settings, contract_path: str, token: str) -> OpenApiSchema:
    """The contract the embedded gateway serves at `contract_path`, with `token` on every case.

    schemathesis still sends its own unauthenticated and wrongly authenticated cases.
    """
    loaded = schemathesis.openapi.from_asgi(contract_path, embedded_app(settings))

    @loaded.auth()
    class Bearer:
        def get(self, case: Any, context: Any) -> str:
            return token

        def set(self, case: Any, token: str, context: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}

    return loaded
