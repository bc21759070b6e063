"""schemathesis hooks for the contract runs (loaded through schemathesis.toml's `hooks`)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import schemathesis

VALID_KEY = re.compile(r"[A-Za-z0-9._:-]{1,128}")


@schemathesis.hook
def before_call(context: Any, case: Any, **kwargs: Any) -> None:
    """Gives every request with a valid Idempotency-Key a fresh one.

    Generated keys repeat (hypothesis favours "0"), and a repeated key with a repeated body is, correctly,
    a replay of the first response: after that resource was deleted, the stateful "created resource is
    gone" check would misread it. Replays have their own tests; invalid keys stay as generated.
    """
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and VALID_KEY.fullmatch(key):
        case.headers["Idempotency-Key"] = uuid.uuid4().hex
