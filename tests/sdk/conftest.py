"""Fixtures for the SDK tests: a scripted API, and sync and async clients that talk only to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from agora_sdk import Agora, AsyncAgora
from tests.sdk.fakes import BASE_URL, FakeAPI


@pytest.fixture
def api() -> FakeAPI:
    return FakeAPI()


@pytest.fixture
def client(api: FakeAPI) -> Iterator[Agora]:
    with httpx.Client(transport=api.transport()) as http_client:
        yield Agora(base_url=BASE_URL, initial_retry_delay=0, http_client=http_client)


@pytest.fixture
async def aclient(api: FakeAPI) -> AsyncIterator[AsyncAgora]:
    async with httpx.AsyncClient(transport=api.async_transport()) as http_client:
        yield AsyncAgora(base_url=BASE_URL, initial_retry_delay=0, http_client=http_client)
