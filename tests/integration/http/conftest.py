"""An HTTP client on a fresh app, and helpers that act like a real client would."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from litestar.testing import TestClient

from chirp.app import create_app
from chirp.settings import Settings

PASSWORD = "correct horse battery"


# Abuse limits stay out of the way here; tests/integration/http/test_rate_limits.py sets
# low ones on purpose.
UNLIMITED = {
    "rate_limit_backend": "memory",
    "rate_limit_signup": "off",
    "rate_limit_login": "off",
    "rate_limit_write": "off",
    "rate_limit_read": "off",
}


def settings_for_tests(database_url: str = "memory://", **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "argon2_memory_kib": 256,
        "argon2_time_cost": 1,
        "media_backend": "memory",
        **UNLIMITED,
        **overrides,
    }
    return Settings(database_url=database_url, **values)


@pytest.fixture
def app_settings() -> Settings:
    return settings_for_tests()


@pytest.fixture
def client(app_settings: Settings) -> Iterator[TestClient[Any]]:
    with TestClient(app=create_app(app_settings)) as test_client:
        yield test_client


@dataclass
class User:
    username: str
    email: str
    password: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def sign_up(client: TestClient[Any], username: str, password: str = PASSWORD) -> User:
    email = f"{username.lower()}@example.com"
    created = client.post(
        "/api/v1/auth/signup",
        json={"username": username, "email": email, "password": password},
    )
    assert created.status_code == 201, created.text
    login = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert login.status_code == 200, login.text
    return User(username, email, password, login.json()["access_token"])


@pytest.fixture
def alice(client: TestClient[Any]) -> User:
    return sign_up(client, "alice")


@pytest.fixture
def bob(client: TestClient[Any]) -> User:
    return sign_up(client, "bob")


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    """The answer is RFC 9457 problem details with the given status."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    if status == 422:
        assert body["errors"], "every 422 names at least one field"
    return body
