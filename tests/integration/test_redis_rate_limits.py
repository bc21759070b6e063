"""Rate limits on real Redis: every gateway process counts against the same windows, and a store that does not
answer lets requests pass rather than refuse them all."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import pytest
import redis.asyncio as redis

from services.gateway.rate_limits import RateLimits
from services.platform.context import Principal
from services.platform.rest import ProblemError
from tests.conftest import embedded_settings
from tests.support import free_port


async def test_gateway_processes_share_each_users_budget(redis_url: str, tmp_path: Path):
    settings = embedded_settings(
        tmp_path, redis_url=redis_url, event_namespace=f"limits_{uuid.uuid4().hex[:8]}",
        rate_limit_requests_per_user="3/minute",
    )  # fmt: skip
    first, second = RateLimits(settings), RateLimits(settings)
    user, other = Principal(str(uuid.uuid4()), "customer"), Principal(str(uuid.uuid4()), "customer")
    try:
        for limits in (first, second, first):
            await limits.request_by(user)
        with pytest.raises(ProblemError) as refused:
            await second.request_by(user)
        await second.request_by(other)
    finally:
        await first.close()
        await second.close()

    assert (refused.value.status, refused.value.code) == (429, "rate_limited")
    assert 1 <= int(refused.value.headers["Retry-After"]) <= 60


async def test_each_process_takes_a_users_budget_a_lease_at_a_time(redis_url: str, tmp_path: Path):
    settings = embedded_settings(
        tmp_path, redis_url=redis_url, event_namespace=f"limits_{uuid.uuid4().hex[:8]}",
        rate_limit_requests_per_user="300/minute",
    )  # fmt: skip
    first, second = RateLimits(settings), RateLimits(settings)
    user = Principal(str(uuid.uuid4()), "customer")
    store = redis.Redis.from_url(redis_url)
    passed, refusals = 0, set()
    try:
        await first.request_by(user)
        [key] = await store.keys(f"{settings.event_namespace}:*{user.user_id}*")
        # One round trip took a lease of three (a hundredth of the budget): the next two cost none.
        assert int(await store.get(key)) == 3
        await first.request_by(user)
        await first.request_by(user)
        assert int(await store.get(key)) == 3
        passed = 3
        for limits in [first, second] * 200:
            try:
                await limits.request_by(user)
                passed += 1
            except ProblemError as refused:
                refusals.add((refused.status, refused.code))
    finally:
        await first.close()
        await second.close()
        await store.aclose()
    # Leases are never more than what is left: the two processes together pass the budget exactly.
    assert passed == 300
    assert refusals == {(429, "rate_limited")}


async def test_a_store_that_does_not_answer_lets_requests_pass(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    settings = embedded_settings(
        tmp_path, redis_url=f"redis://127.0.0.1:{free_port()}/0", rate_limit_requests_per_user="1/minute"
    )
    limits = RateLimits(settings)
    user = Principal(str(uuid.uuid4()), "customer")
    try:
        with caplog.at_level(logging.WARNING, logger="services.gateway.rate_limits"):
            for _ in range(3):
                await limits.request_by(user)
    finally:
        await limits.close()

    assert "rate limits unavailable" in caplog.text
