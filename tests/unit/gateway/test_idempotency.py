"""Idempotency keys on the embedded store: replays, conflicts, and what is never remembered."""

from __future__ import annotations

import asyncio
import json

import pytest
from fastapi import Response

from services.gateway.idempotency import REPLAY_HEADER, Idempotency
from services.platform.cache import MemoryKeyValue
from services.platform.context import Principal
from services.platform.rest import ProblemError
from tests.support import fake_request as request

ALICE = Principal(user_id="alice", role="customer")
BOB = Principal(user_id="bob", role="customer")


class Counter:
    def __init__(self, status: int = 201, delay: float = 0.0) -> None:
        self.calls = 0
        self.status = status
        self.delay = delay

    async def __call__(self) -> Response:
        self.calls += 1
        await asyncio.sleep(self.delay)
        return Response(json.dumps({"n": self.calls}), status_code=self.status, media_type="application/json")


@pytest.fixture
def idempotency() -> Idempotency:
    return Idempotency(MemoryKeyValue(), ttl_seconds=60)


async def run(idempotency: Idempotency, call: Counter, body: bytes = b"{}", key: str | None = "k1",
              principal: Principal | None = ALICE) -> Response:  # fmt: skip
    return await idempotency.run(request(body), call, operation_id="createProduct", key=key, principal=principal)


async def test_a_retried_key_replays_the_first_result(idempotency: Idempotency):
    call = Counter()
    first, second = await run(idempotency, call), await run(idempotency, call)
    assert call.calls == 1
    assert (second.status_code, bytes(second.body)) == (first.status_code, bytes(first.body))
    assert second.headers[REPLAY_HEADER] == "true"


async def test_the_same_key_with_another_body_is_a_conflict(idempotency: Idempotency):
    call = Counter()
    await run(idempotency, call, body=b'{"a":1}')
    with pytest.raises(ProblemError) as caught:
        await run(idempotency, call, body=b'{"a":2}')
    assert (caught.value.status, caught.value.code) == (409, "idempotency_key_reused")
    assert call.calls == 1


async def test_concurrent_retries_apply_once(idempotency: Idempotency):
    call = Counter(delay=0.05)
    results = await asyncio.gather(*(run(idempotency, call) for _ in range(10)), return_exceptions=True)
    assert call.calls == 1
    conflicts = [r for r in results if isinstance(r, ProblemError)]
    assert all(c.code == "idempotency_key_in_progress" for c in conflicts)
    assert len(conflicts) == 9


async def test_keys_are_scoped_to_their_caller(idempotency: Idempotency):
    call = Counter()
    await run(idempotency, call, principal=ALICE)
    await run(idempotency, call, principal=BOB)
    assert call.calls == 2


async def test_server_errors_and_exceptions_are_not_remembered(idempotency: Idempotency):
    failing = Counter(status=503)
    await run(idempotency, failing)
    await run(idempotency, failing)
    assert failing.calls == 2

    async def boom() -> Response:
        raise RuntimeError("backend fell over")

    with pytest.raises(RuntimeError):
        await idempotency.run(request(b"{}"), boom, operation_id="createProduct", key="k2", principal=ALICE)
    ok = Counter()
    await run(idempotency, ok, key="k2")
    assert ok.calls == 1


async def test_without_a_key_every_call_runs(idempotency: Idempotency):
    call = Counter()
    await run(idempotency, call, key=None)
    await run(idempotency, call, key=None)
    assert call.calls == 2
