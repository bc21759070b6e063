"""The embedded platform served in-process, with an admin account, for tests through the REST edge."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from services.embedded import embedded_app
from services.identity.service import open_identity
from services.platform.settings import SERVICES, Settings
from services.wallet.service import open_wallet

ADMIN = ("admin", "admin-password")


async def create_admin(settings: Settings, username: str = ADMIN[0], password: str = ADMIN[1]) -> uuid.UUID:
    """An admin account, with its wallet open (as `agora create-admin` and registration leave it)."""
    identity, _keys, database = await open_identity(settings)
    admin = await identity.make_admin(username, password)
    await database.close()
    wallet, database = await open_wallet(settings)
    await wallet.open_accounts(admin.id, admin.username)
    await database.close()
    return admin.id


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module marked `both_topologies` runs each test over gRPC and again with every call in process."""
    if metafunc.definition.get_closest_marker("both_topologies") and "api" in metafunc.fixturenames:
        metafunc.parametrize("gateway_in_process", [(), SERVICES], ids=["grpc", "in-process"])


@pytest.fixture
def gateway_in_process() -> tuple[str, ...]:
    """The services the gateway calls in process; by default none (every call goes over gRPC)."""
    return ()


@pytest.fixture
async def api(settings: Settings, gateway_in_process: tuple[str, ...]) -> AsyncIterator[httpx.AsyncClient]:
    await create_admin(settings)
    app = embedded_app(settings.model_copy(update={"gateway_in_process": gateway_in_process}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://agora.test") as client:
            yield client


async def bearer(api: httpx.AsyncClient, username: str, password: str) -> dict[str, str]:
    response = await api.post("/v1/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
async def admin(api: httpx.AsyncClient) -> dict[str, str]:
    return await bearer(api, *ADMIN)


@pytest.fixture
async def customer(api: httpx.AsyncClient) -> dict[str, str]:
    response = await api.post("/v1/auth/register", json={"username": "customer", "password": "customer-password"})
    assert response.status_code == 201, response.text
    return await bearer(api, "customer", "customer-password")
