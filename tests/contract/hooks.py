"""schemathesis hooks for the contract runs (loaded through schemathesis.toml's `hooks`)."""

from __future__ import annotations

import copy
import re
import uuid
from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

VALID_KEY = re.compile(r"[A-Za-z0-9._:-]{1,128}")


@schemathesis.hook
def before_load_schema(context: Any, raw_schema: dict[str, Any]) -> None:
    """Writes each request body that is a bare `$ref` out in place (the contract names every body's schema, for
    the generated models).

    schemathesis's automatic sign-up, which signs up and logs in when no credentials are given, looks for the
    register operation's body properties on the body itself and stops with an internal error when they sit
    behind a `$ref`; written out, `schemathesis run contracts/rest/agora.v1.yaml --url ...` signs up by itself.
    """
    schemas = raw_schema.get("components", {}).get("schemas", {})
    for item in raw_schema.get("paths", {}).values():
        for operation in item.values():
            content = operation.get("requestBody", {}).get("content", {}) if isinstance(operation, dict) else {}
            for media in content.values():
                reference = media.get("schema", {}).get("$ref", "")
                if set(media.get("schema", {})) == {"$ref"} and reference.startswith("#/components/schemas/"):
                    media["schema"] = copy.deepcopy(schemas[reference.rsplit("/", 1)[1]])


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


# The GraphQL contract's own scalars (contracts/graphql/agora.graphql), in and out of their ranges.
schemathesis.graphql.scalar("MinorUnits", st.integers(-(2**60), 2**60).map(nodes.Int))
DECIMALS = r"\A(0\.[0-9]{1,4}|[1-9][0-9]{0,3}(\.[0-9]{1,4})?|-?[0-9x.]{0,6})\Z"
schemathesis.graphql.scalar("Decimal", st.from_regex(DECIMALS).map(nodes.String))
schemathesis.graphql.scalar("DateTime", st.datetimes().map(lambda moment: nodes.String(moment.isoformat())))
