"""A Mastodon API client on a fresh app (memory or SQLite), with people to act as."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from adapters.mastodon.app import build_mastodon_app
from application.accounts.signup import SignupInput
from chirp.container import Container, build_container
from tests.integration.http.conftest import settings_for_tests

PASSWORD = "correct horse battery"
OOB = "urn:ietf:wg:oauth:2.0:oob"
CALLBACK = "https://app.example/callback"


@dataclass
class Person:
    id: str
    username: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class Api:
    def __init__(self, client: TestClient[Any], container: Container) -> None:
        self.client, self.container = client, container
        self.app = self.register_app()

    def register_app(self, scopes: str = "read write follow push") -> dict[str, Any]:
        answer = self.client.post(
            "/api/v1/apps",
            data={"client_name": "Test <App>", "redirect_uris": f"{OOB}\n{CALLBACK}",
                  "scopes": scopes},
        )  # fmt: skip
        assert answer.status_code == 200, answer.text
        return answer.json()  # type: ignore[no-any-return]

    def sign_up(self, username: str) -> str:
        sign_up = self.container.use_cases.sign_up()
        profile = self.client.blocking_portal.call(
            sign_up, SignupInput(username, f"{username}@example.com", PASSWORD)
        )
        return profile.id  # type: ignore[no-any-return]

    def token(self, username: str, scope: str = "read write follow") -> str:
        answer = self.client.post(
            "/oauth/token",
            data={"grant_type": "password", "client_id": self.app["client_id"],
                  "client_secret": self.app["client_secret"], "username": username,
                  "password": PASSWORD, "scope": scope},
        )  # fmt: skip
        assert answer.status_code == 200, answer.text
        return answer.json()["access_token"]  # type: ignore[no-any-return]

    def person(self, username: str, scope: str = "read write follow") -> Person:
        return Person(self.sign_up(username), username, self.token(username, scope))

    def post(self, who: Person, text: str, **fields: Any) -> dict[str, Any]:
        answer = self.client.post("/api/v1/statuses", json={"status": text, **fields},
                                  headers=who.auth)  # fmt: skip
        assert answer.status_code == 200, answer.text
        return answer.json()  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def mastodon_app() -> Litestar:
    """Built once: building the routes costs more than most tests. Each test gives it
    a fresh container (and so a fresh database)."""
    return build_mastodon_app(None)


@pytest.fixture(params=["memory", "sqlite"])
def api(request: pytest.FixtureRequest, mastodon_app: Litestar) -> Iterator[Api]:
    url = "memory://" if request.param == "memory" else request.getfixturevalue("sqlite_url")
    container = build_container(settings_for_tests(url))
    mastodon_app.state.use_cases = container.use_cases
    mastodon_app.state.pop("idempotency_keys", None)
    with TestClient(app=mastodon_app) as client:
        yield Api(client, container)
        if container.core.settings().storage == "sql":
            client.blocking_portal.call(container.core.uow().close)
            client.blocking_portal.call(container.core.engine().dispose)


@pytest.fixture
def alice(api: Api) -> Person:
    return api.person("alice")


@pytest.fixture
def bob(api: Api) -> Person:
    return api.person("bob")


def error_of(response: Any, status: int) -> str:
    """Mastodon's error shape: {"error": "..."} with the status."""
    assert response.status_code == status, response.text
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    return body["error"]  # type: ignore[no-any-return]
