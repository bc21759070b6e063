"""Loading a contract for schemathesis from the embedded platform, every case signed in."""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis.specs.openapi.schemas import OpenApiSchema

from services.embedded import embedded_app
from services.platform.settings import Settings


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
