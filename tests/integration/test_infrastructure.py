"""The real stores the integration and e2e tests rely on answer their own protocols."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import RABBITMQ_ADDRESS, unavailable

AMQP_0_9_1_HEADER = b"AMQP\x00\x00\x09\x01"


async def test_postgres_answers(postgres: str):
    assert postgres.startswith("postgresql")


async def test_redis_answers(redis_url: str):
    assert redis_url.startswith("redis://")


async def test_rabbitmq_answers_the_amqp_handshake():
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(*RABBITMQ_ADDRESS), timeout=5)
    except OSError as error:
        unavailable("RabbitMQ", error)
        pytest.fail("unreachable")  # unavailable() always leaves the test
    writer.write(AMQP_0_9_1_HEADER)
    await writer.drain()
    frame = await asyncio.wait_for(reader.read(7), timeout=5)
    writer.close()
    # A method frame (type 1) on channel 0: connection.start.
    assert frame[:3] == b"\x01\x00\x00"
