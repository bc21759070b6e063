"""Fixtures every unit test may use."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.platform.bus import Bus
from services.platform.bus.memory import MemoryBus
from services.platform.grpc_client import Caller
from services.platform.settings import Settings


@pytest.fixture
async def bus() -> AsyncIterator[Bus]:
    """The in-process bus, closed after the test."""
    memory: Bus = MemoryBus()
    await memory.start()
    yield memory
    await memory.close()


@pytest.fixture
def call(settings: Settings) -> Caller:
    """Calls a service started with `settings` as another of the platform's services would: signed."""
    return Caller.of(settings, "tests")
