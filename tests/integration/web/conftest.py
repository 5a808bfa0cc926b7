"""A browser-like client on a fresh app: it keeps cookies and sends each form back with
the CSRF token the page gave it, as a browser would."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from litestar.testing import TestClient

from chirp.app import create_app
from chirp.settings import Settings
from tests.integration.http.conftest import PASSWORD, settings_for_tests

CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


class Browser:
    def __init__(self, client: TestClient[Any]) -> None:
        self.client = client

    def get(self, path: str, **options: Any) -> httpx.Response:
        return self.client.get(path, **options)

    def csrf(self, path: str = "/login") -> str:
        token = self.client.cookies.get("chirp_csrf")
        if token:
            return token
        found = CSRF_FIELD.search(self.client.get(path).text)
        assert found, "the page carries no CSRF token"
        return found.group(1)

    def submit(
        self, path: str, data: dict[str, Any] | None = None, **options: Any
    ) -> httpx.Response:
        fields = {"csrf": self.csrf(), **(data or {})}
        options.setdefault("follow_redirects", False)
        return self.client.post(path, data=fields, **options)

    def sign_up(self, username: str, password: str = PASSWORD) -> httpx.Response:
        answer = self.submit(
            "/signup",
            {"username": username, "email": f"{username}@example.com", "password": password},
        )
        assert answer.status_code == 303, answer.text
        return answer

    def log_out(self) -> httpx.Response:
        return self.submit("/logout")


@pytest.fixture
def web_settings() -> Settings:
    return settings_for_tests()


@pytest.fixture
def web_client(web_settings: Settings) -> Iterator[TestClient[Any]]:
    with TestClient(app=create_app(web_settings)) as client:
        yield client


@pytest.fixture
def browser(web_client: TestClient[Any]) -> Browser:
    return Browser(web_client)


@pytest.fixture
def alice(browser: Browser) -> Browser:
    browser.sign_up("alice")
    return browser


@pytest.fixture
def bob(web_client: TestClient[Any]) -> Iterator[Browser]:
    """Another person on the same app: a client with its own cookie jar. The app's
    lifespan already runs in the first client, so this one shares its portal."""
    other = TestClient(app=web_client.app)
    other.blocking_portal = web_client.blocking_portal
    yield Browser(other)
