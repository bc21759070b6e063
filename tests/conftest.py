"""Fixtures for the whole suite: settings on temporary stores, real infrastructure, and CI's no-skip rule."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import aio_pika
import aiormq
import asyncpg
import pytest
import redis.asyncio as redis

from services.platform.db import drop_database
from services.platform.settings import SERVICES, Settings

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_URL = os.environ.get("AGORA_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("AGORA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
RABBITMQ_ADDRESS = ("127.0.0.1", int(os.environ.get("AGORA_TEST_RABBITMQ_PORT", "5672")))
RABBITMQ_URL = os.environ.get(
    "AGORA_TEST_RABBITMQ_URL", f"amqp://guest:guest@{RABBITMQ_ADDRESS[0]}:{RABBITMQ_ADDRESS[1]}/"
)


def unavailable(what: str, error: BaseException) -> None:
    """Skips locally when a real store is down, but fails in CI, where every store must be there."""
    message = f"{what} is unreachable: {error!r}"
    if IN_CI:
        pytest.fail(f"{message} (CI=true requires it)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
async def postgres() -> str:
    """The PostgreSQL server's URL, without a database."""
    try:
        connection = await asyncpg.connect(POSTGRES_URL.replace("+asyncpg", "") + "/postgres", timeout=5)
        await connection.close()
    except (OSError, asyncpg.PostgresError) as error:
        unavailable("PostgreSQL", error)
    return POSTGRES_URL


@pytest.fixture(scope="session")
async def redis_url() -> str:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5)
    try:
        await client.ping()  # type: ignore[misc]  # redis' stubs type ping for both clients
    except (OSError, redis.RedisError) as error:
        unavailable("Redis", error)
    finally:
        await client.aclose()
    return REDIS_URL


@pytest.fixture(scope="session")
async def rabbitmq_url() -> str:
    """The broker's URL, once an AMQP connection to it succeeds."""
    try:
        connection = await aio_pika.connect(RABBITMQ_URL, timeout=5)
        await connection.close()
    except (OSError, TimeoutError, aiormq.exceptions.AMQPError) as error:
        unavailable("RabbitMQ", error)
    return RABBITMQ_URL


def embedded_settings(data_dir: Path, **overrides: object) -> Settings:
    """Embedded settings for tests, which sign up hundreds of users from one address: that limit is off unless a
    test sets it (tests/api/test_rate_limits.py)."""
    settings = {"password_hashing_concurrency": 4, "rate_limit_sign_ins_per_address": "", **overrides}
    return Settings(data_dir=data_dir, **settings)  # type: ignore[arg-type]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Embedded-mode settings: SQLite files and keys under a fresh temporary directory."""
    return embedded_settings(tmp_path)


@pytest.fixture
async def postgres_settings(postgres: str, tmp_path: Path) -> AsyncIterator[Settings]:
    """Settings whose services each get a fresh PostgreSQL database, dropped afterwards."""
    prefix = f"agora_test_{uuid.uuid4().hex[:10]}"
    settings = embedded_settings(tmp_path, database_url=f"{postgres}/{prefix}_{{service}}")
    yield settings
    for service in SERVICES:
        await drop_database(settings.database_url_for(service))
