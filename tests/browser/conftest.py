"""Headless Chromium (Debian's, driven by Playwright) that may reach nothing but 127.0.0.1: a page that asks for
anything else fails its test."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, Page, Route, async_playwright

from tests.conftest import unavailable

CHROMIUM = os.environ.get("AGORA_TEST_CHROMIUM", "/usr/bin/chromium")
# Screenshots the browser tests keep, for a person to look at after the run.
SCREENSHOTS = Path(os.environ.get("AGORA_TEST_SCREENSHOTS", "build/screenshots"))


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    if shutil.which(CHROMIUM) is None:
        unavailable("Chromium", FileNotFoundError(CHROMIUM))
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            # Nothing resolves but 127.0.0.1, and no background traffic (updates, safe browsing, metrics).
            args=["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--disable-background-networking"],
        )
        yield launched
        await launched.close()


# Every Content-Security-Policy violation a page meets, kept where the test can read it.
RECORD_VIOLATIONS = """
window.agoraViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.agoraViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@dataclass
class OfflinePage:
    page: Page
    refused: list[str] = field(default_factory=list)  # every request for an address other than 127.0.0.1

    async def policy_violations(self) -> list[str]:
        violations: list[str] = await self.page.evaluate("window.agoraViolations")
        return violations

    async def screenshot(self, name: str) -> Path:
        """Writes build/screenshots/<name>.png (Playwright makes the folder)."""
        path = SCREENSHOTS / f"{name}.png"
        await self.page.screenshot(path=path, full_page=True)
        return path


@pytest.fixture
async def offline_page(browser: Browser) -> AsyncIterator[OfflinePage]:
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    await context.add_init_script(RECORD_VIOLATIONS)
    offline = OfflinePage(await context.new_page())

    async def local_only(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            await route.continue_()
        else:
            offline.refused.append(route.request.url)
            await route.abort()

    await context.route("**/*", local_only)
    yield offline
    await context.close()
