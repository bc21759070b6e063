"""The documentation pages in headless Chromium with no network beyond 127.0.0.1: Swagger UI for both REST
contracts and the AsyncAPI page for the WebSocket render from the gateway's own assets, under their
Content-Security-Policy, and the contracts they show name the address actually served."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from services.embedded import embedded_app
from tests.browser.conftest import OfflinePage
from tests.conftest import embedded_settings
from tests.support import LiveServer, live_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = embedded_settings(Path(tmp_path_factory.mktemp("docs")))
    with live_server(embedded_app(settings), settings) as running:
        yield running


@pytest.mark.parametrize(
    ("path", "shows", "name"),
    [
        ("/docs", '[data-path="/v1/auth/login"]', "swagger-agora-v1"),
        ("/api/docs", '[data-path="/api/sendCoin"]', "swagger-merch"),
        ("/docs/ws", 'h2:has-text("Operations")', "asyncapi-ws"),
    ],
)
async def test_a_documentation_page_renders_with_nothing_but_the_gateway(
    offline_page: OfflinePage, server: LiveServer, path: str, shows: str, name: str
) -> None:
    page = offline_page.page
    response = await page.goto(f"{server.url}{path}", wait_until="networkidle")
    assert response is not None
    assert response.status == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]

    await page.wait_for_selector(shows, timeout=20_000)
    screenshot = await offline_page.screenshot(f"docs-{name}")

    assert offline_page.refused == []
    assert await offline_page.policy_violations() == []
    assert screenshot.stat().st_size > 10_000


@pytest.mark.parametrize("path", ["/openapi.json", "/api/openapi.json"])
async def test_the_served_rest_contracts_name_the_address_served(server: LiveServer, path: str) -> None:
    async with httpx.AsyncClient(base_url=server.url) as client:
        contract = (await client.get(path)).json()

    assert contract["servers"] == [{"url": server.url}]


async def test_the_served_websocket_contract_names_the_address_served(server: LiveServer) -> None:
    async with httpx.AsyncClient(base_url=server.url) as client:
        contract = (await client.get("/asyncapi.json")).json()

    assert contract["servers"] == {
        "gateway": {"host": f"127.0.0.1:{server.port}", "protocol": "ws", "pathname": "/v1/ws"}
    }
