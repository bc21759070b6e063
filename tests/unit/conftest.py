"""Fixtures every unit test may use."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.platform.bus import Bus
from services.platform.bus.memory import MemoryBus


@pytest.fixture
async def bus() -> AsyncIterator[Bus]:
    """The in-process bus, closed after the test."""
    memory: Bus = MemoryBus()
    await memory.start()
    yield memory
    await memory.close()
