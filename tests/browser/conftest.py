"""Browser tests: Debian's Chromium driven by Playwright against a real `chirp serve`.

No browser is ever downloaded: Playwright launches /usr/bin/chromium (the Makefile
installs it). Without it these tests skip, except under CI=true, where they fail. A
failing test leaves a screenshot of every page it had open under test-artifacts/."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from adapters.persistence.sql.migrate import upgrade
from tests.support import databases
from tests.support.servers import Server, server_environment

CHROMIUM = Path(os.environ.get("CHIRP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"Chromium is not at {CHROMIUM} (make test installs it: apt-get install chromium)"
    if databases.in_ci():
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def starting_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Any]]:
    """A SQLite-backed `chirp serve`, started in a thread so Chromium launches meanwhile."""
    _require_chromium()
    workdir = tmp_path_factory.mktemp("web-server")
    url = f"sqlite+aiosqlite:///{workdir / 'chirp.db'}"
    databases.off_loop(upgrade, url)
    server = Server(server_environment(url, workdir), workdir / "server.log")
    starting = ThreadPoolExecutor(max_workers=1)
    started = starting.submit(server.start)
    yield server, started
    starting.shutdown()
    server.stop()


@pytest.fixture(scope="module")
def chirp_server(starting_server: tuple[Server, Any], chromium: Any) -> Server:
    server, started = starting_server
    started.result()
    return server


# Module scope, not session: Playwright's sync API keeps an event loop running in this
# thread while it is open, and every async test after it would find that loop.
@pytest.fixture(scope="module")
def chromium(starting_server: tuple[Server, Any]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


FAILED = pytest.StashKey[bool]()


class People:
    """One browser context (own cookies) per person; their pages are photographed when
    the test fails."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.browser, self.base_url = browser, base_url
        self.contexts: list[Any] = []
        # Console errors include every Content-Security-Policy violation.
        self.console_errors: list[str] = []

    def new(self, **options: Any) -> Any:
        context = self.browser.new_context(base_url=self.base_url, **options)
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", self._watch_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        return page

    def _watch_console(self, message: Any) -> None:
        if message.type == "error" and "404" not in message.text:
            self.console_errors.append(message.text)

    def photograph(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
        for number, context in enumerate(self.contexts):
            for index, page in enumerate(context.pages):
                page.screenshot(
                    path=str(ARTIFACTS / f"{safe}-{number}-{index}.png"), full_page=True
                )

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def people(request: pytest.FixtureRequest, chromium: Any, chirp_server: Server) -> Iterator[People]:
    crowd = People(chromium, chirp_server.url)
    yield crowd
    if request.node.stash.get(FAILED, False):
        crowd.photograph(request.node.name)
    crowd.close()
