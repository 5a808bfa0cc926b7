"""Headers on every answer, the CORS policy, and errors that leak nothing."""

from __future__ import annotations

from typing import Any

import pytest
from dependency_injector import providers
from litestar.testing import TestClient
from sqlalchemy.exc import OperationalError

from application.accounts.get_profile import GetProfile
from chirp.app import create_app
from chirp.container import build_container
from tests.integration.http.conftest import User, assert_problem, settings_for_tests
from tests.support.images import png

APP_ORIGIN = "https://app.chirp.example"
EVIL_ORIGIN = "https://evil.example"


def _every_kind_of_answer(client: TestClient[Any], user: User) -> list[Any]:
    return [
        client.get("/api/v1/me", headers=user.auth),  # 200 JSON
        client.get("/api/v1/me"),  # 401
        client.get("/api/v1/profiles/nobody"),  # 404 from a handler
        client.get("/api/v1/no/such/route"),  # 404 from the router
        client.delete("/api/v1/me", headers=user.auth),  # 405
        client.patch("/api/v1/me", content=b"{", headers=user.auth),  # 400
        client.patch("/api/v1/me", json={"id": "x"}, headers=user.auth),  # 422
        client.post("/api/v1/auth/logout", headers=user.auth),  # 204
        client.get("/health"),
        client.get("/schema/openapi.json"),
        client.get("/schema"),
    ]


def test_every_answer_says_nosniff_and_names_no_server(client, alice) -> None:
    answers = _every_kind_of_answer(client, alice)
    assert {r.status_code for r in answers} == {200, 204, 400, 401, 404, 405, 422}
    for response in answers:
        assert response.headers["x-content-type-options"] == "nosniff", response.url
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "server" not in response.headers
        assert "x-powered-by" not in response.headers


def test_served_images_are_not_sniffed_and_keep_their_long_cache(client, alice) -> None:
    upload = client.post(
        "/api/v1/media", files={"file": ("a.png", png(), "image/png")}, headers=alice.auth
    )
    image = client.get(upload.json()["url"])
    assert image.status_code == 200
    assert image.headers["x-content-type-options"] == "nosniff"
    assert image.headers["content-type"] == "image/png"
    assert "no-store" not in image.headers["cache-control"]


def test_api_answers_are_never_cached_framed_or_run(client, alice) -> None:
    for response in _every_kind_of_answer(client, alice)[:8]:
        assert response.headers["cache-control"] == "no-store", response.url
        assert response.headers["x-frame-options"] == "DENY"
        assert "default-src 'none'" in response.headers["content-security-policy"]


def test_without_allowed_origins_no_origin_may_read_answers(client, alice) -> None:
    for origin in (EVIL_ORIGIN, APP_ORIGIN, "null"):
        simple = client.get("/api/v1/me", headers={**alice.auth, "Origin": origin})
        preflight = client.options(
            "/api/v1/me",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "PATCH",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        for response in (simple, preflight):
            assert "access-control-allow-origin" not in response.headers
            assert "access-control-allow-credentials" not in response.headers


@pytest.fixture
def cors_client() -> Any:
    settings = settings_for_tests(cors_origins=(APP_ORIGIN,))
    with TestClient(app=create_app(settings)) as client:
        yield client


def test_a_listed_origin_may_read_answers_and_preflight(cors_client) -> None:
    simple = cors_client.get("/api/v1/profiles/nobody", headers={"Origin": APP_ORIGIN})
    assert simple.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "Origin" in simple.headers["vary"]
    assert "ratelimit-remaining" in simple.headers["access-control-expose-headers"].lower()
    preflight = cors_client.options(
        "/api/v1/me",
        headers={
            "Origin": APP_ORIGIN,
            "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "PATCH" in preflight.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in preflight.headers


def test_an_unlisted_origin_is_not_allowed_even_when_others_are(cors_client) -> None:
    for origin in (EVIL_ORIGIN, f"{APP_ORIGIN}.evil.example", "http://app.chirp.example"):
        simple = cors_client.get("/api/v1/profiles/nobody", headers={"Origin": origin})
        preflight = cors_client.options(
            "/api/v1/me", headers={"Origin": origin, "Access-Control-Request-Method": "GET"}
        )
        assert "access-control-allow-origin" not in simple.headers, origin
        assert "access-control-allow-origin" not in preflight.headers, origin


SECRET = "s3cr3t-database-password"


class _Exploding(GetProfile):
    """The real use case's type (Litestar checks it), failing the way a bug would."""

    def __init__(self, error: Exception) -> None:
        self._error = error

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise self._error


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError(f"connect to postgresql://chirp:{SECRET}@db/chirp failed"),
        OperationalError(
            f"SELECT password_hash FROM profiles WHERE username_key = '{SECRET}'",
            {"username_key": SECRET},
            Exception("no such table: profiles"),
        ),
        KeyError(SECRET),
    ],
    ids=["runtime", "sql", "key"],
)
def test_an_internal_error_answers_500_with_nothing_of_it(error: Exception) -> None:
    container = build_container(settings_for_tests())
    container.use_cases.get_profile.override(providers.Object(_Exploding(error)))
    with TestClient(app=create_app(container=container), raise_server_exceptions=False) as client:
        response = client.get("/api/v1/profiles/alice")

    body = assert_problem(response, 500)
    assert set(body) == {"type", "title", "status", "detail"}
    leaks = (SECRET, "SELECT", "profiles", "Traceback", ".py", type(error).__name__, "password")
    for leak in leaks:
        assert leak not in response.text, leak
    assert response.headers["x-content-type-options"] == "nosniff"
