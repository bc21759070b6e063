"""Idempotency keys on real Redis: several gateway processes share it, so concurrent retries apply once."""

from __future__ import annotations

import asyncio
import json
import uuid

from fastapi import Response

from services.gateway.idempotency import Idempotency
from services.platform.cache import RedisKeyValue
from services.platform.context import Principal
from services.platform.rest import ProblemError
from tests.support import fake_request as request

ALICE = Principal(user_id="alice", role="customer")


async def test_concurrent_retries_across_gateways_apply_once(redis_url: str):
    gateways = [Idempotency(RedisKeyValue(redis_url), ttl_seconds=30) for _ in range(3)]
    key, calls = f"key-{uuid.uuid4()}", []

    async def create() -> Response:
        calls.append(1)
        await asyncio.sleep(0.05)
        return Response(json.dumps({"id": 1}), status_code=201, media_type="application/json")

    async def attempt(gateway: Idempotency) -> str:
        try:
            response = await gateway.run(request(b"{}"), create, operation_id="op", key=key, principal=ALICE)
        except ProblemError as error:
            return error.code
        return str(response.status_code)

    outcomes = await asyncio.gather(*(attempt(g) for g in gateways for _ in range(4)))
    assert len(calls) == 1
    assert sorted(set(outcomes)) == ["201", "idempotency_key_in_progress"]
    assert outcomes.count("201") == 1
    replay = await gateways[0].run(request(b"{}"), create, operation_id="op", key=key, principal=ALICE)
    assert replay.status_code == 201
    assert len(calls) == 1
    for gateway in gateways:
        await gateway.store.close()


async def test_remembered_results_expire(redis_url: str):
    store = RedisKeyValue(redis_url)
    assert await store.set(f"ttl-{uuid.uuid4()}", b"x", 1, only_if_absent=True)
    key = f"ttl-{uuid.uuid4()}"
    await store.set(key, b"x", 1)
    await asyncio.sleep(1.2)
    assert await store.get(key) is None
    await store.close()
