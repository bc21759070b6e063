"""GraphiQL at GET /graphql, from the gateway's own assets, in headless Chromium with no network beyond 127.0.0.1:
a query runs and shows its answer, and a subscription signed in through the header editor shows a notification as
it arrives."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Page

from services.embedded import embedded_app
from tests.browser.conftest import OfflinePage
from tests.conftest import embedded_settings
from tests.support import LiveServer, live_server

# GraphiQL 3 edits with CodeMirror 5, whose wrapper element carries its editor.
EDITOR = """([selector, text]) => {
    const editor = document.querySelector(selector + ' > .CodeMirror').CodeMirror;
    if (text !== null) editor.setValue(text);
    return editor.getValue();
}"""
# GraphiQL reads the operation from the query a moment after an edit and keeps its name on the editor.
OPERATION_READ = "name => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.operationName == name"
QUERY_EDITOR = ".graphiql-query-editor .graphiql-editor"
TOOL_EDITOR = ".graphiql-editor-tool .graphiql-editor:not(.hidden)"  # variables or headers, whichever is shown
RESULT = ".result-window"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = embedded_settings(Path(tmp_path_factory.mktemp("explorer")))
    with live_server(embedded_app(settings), settings) as running:
        yield running


async def write(page: Page, editor: str, text: str) -> None:
    await page.evaluate(EDITOR, [editor, text])


async def run(page: Page, operation: str, name: str) -> None:
    await write(page, QUERY_EDITOR, operation)
    await page.wait_for_function(OPERATION_READ, arg=name)
    await page.click(".graphiql-execute-button")


async def shows(page: Page, editor: str, text: str) -> None:
    """Waits until the editor's text contains `text`."""
    await page.wait_for_function(
        f"([selector, text]) => ({EDITOR})([selector, null]).includes(text)", arg=[editor, text], timeout=20_000
    )


async def open_explorer(offline: OfflinePage, server: LiveServer) -> Page:
    page = offline.page
    response = await page.goto(f"{server.url}/graphql", wait_until="networkidle")
    assert response is not None
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    await page.wait_for_selector(f"{QUERY_EDITOR} > .CodeMirror")
    return page


async def signed_up(server: LiveServer) -> tuple[str, str]:
    username = f"gi{uuid.uuid4().hex[:10]}"
    async with httpx.AsyncClient(base_url=server.url) as client:
        await client.post("/v1/auth/register", json={"username": username, "password": "explorer-password"})
        tokens = await client.post("/v1/auth/login", json={"username": username, "password": "explorer-password"})
    return username, tokens.json()["access_token"]


async def test_the_explorer_runs_a_query_with_nothing_but_the_gateway(
    offline_page: OfflinePage, server: LiveServer
) -> None:
    page = await open_explorer(offline_page, server)

    merch = 'query Merch { products(first: 2, category: "merch") { nodes { name } pageInfo { hasNextPage } } }'
    await run(page, merch, "Merch")
    await shows(page, RESULT, "hasNextPage")

    answer = json.loads(await page.evaluate(EDITOR, [RESULT, None]))
    screenshot = await offline_page.screenshot("graphql-explorer-query")
    assert len(answer["data"]["products"]["nodes"]) == 2
    assert answer["data"]["products"]["pageInfo"]["hasNextPage"] is True
    assert offline_page.refused == []
    assert await offline_page.policy_violations() == []
    assert screenshot.stat().st_size > 10_000


async def test_a_subscription_in_the_explorer_shows_a_notification_as_it_arrives(
    offline_page: OfflinePage, server: LiveServer
) -> None:
    rae, rae_token = await signed_up(server)
    _sam, sam_token = await signed_up(server)
    page = await open_explorer(offline_page, server)

    await page.get_by_role("button", name="Headers").click()
    await write(page, TOOL_EDITOR, json.dumps({"Authorization": f"Bearer {rae_token}"}))
    await run(page, "subscription Mine { notificationReceived { kind data { key value } } }", "Mine")
    await shows(page, RESULT, '"welcome"')
    async with httpx.AsyncClient(base_url=server.url) as client:
        sent = await client.post(
            "/v1/wallet/transfers",
            json={"to_username": rae, "amount": {"amount": 3, "currency": "COIN"}},
            headers={"Authorization": f"Bearer {sam_token}"},
        )
        assert sent.status_code == 201, sent.text
    await shows(page, RESULT, '"transfer_received"')

    notification = json.loads(await page.evaluate(EDITOR, [RESULT, None]))["data"]["notificationReceived"]
    await offline_page.screenshot("graphql-explorer-subscription")
    assert {"key": "amount", "value": "3"} in notification["data"]
    assert offline_page.refused == []
    assert await offline_page.policy_violations() == []
