"""Input crafted to break storage or parsing gets a 4xx on every backend, never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from chirp.app import create_app
from tests.conftest import BACKENDS
from tests.integration.http.conftest import PASSWORD, User, assert_problem, settings_for_tests
from tests.integration.http.conftest import sign_up as sign_up_user

pytestmark = pytest.mark.parametrize("database_url", BACKENDS[1:], indirect=True)


@pytest.fixture
def sql_client(database_url: str) -> Iterator[TestClient[Any]]:
    with TestClient(app=create_app(settings_for_tests(database_url))) as client:
        yield client


@pytest.fixture
def ann(sql_client: TestClient[Any]) -> User:
    return sign_up_user(sql_client, "ann")


def test_a_nul_in_a_json_field_is_422_naming_the_field(sql_client, ann) -> None:
    tweet = sql_client.post("/api/v1/tweets", json={"text": "a\x00b"}, headers=ann.auth)
    media = sql_client.post(
        "/api/v1/tweets", json={"text": "hi", "media_ids": ["x", "y\x00"]}, headers=ann.auth
    )
    login = sql_client.post("/api/v1/auth/login", json={"username": "a\x00", "password": PASSWORD})
    bio = sql_client.patch("/api/v1/me", json={"bio": "\x00"}, headers=ann.auth)

    assert assert_problem(tweet, 422)["errors"][0]["field"] == "text"
    assert assert_problem(media, 422)["errors"][0]["field"] == "media_ids.1"
    assert assert_problem(login, 422)["errors"][0]["field"] == "username"
    assert assert_problem(bio, 422)["errors"][0]["field"] == "bio"
    assert sql_client.get("/api/v1/me", headers=ann.auth).json()["tweets_count"] == 0


def test_a_nul_in_a_path_is_404_and_in_a_query_is_422(sql_client, ann) -> None:
    assert_problem(sql_client.get("/api/v1/profiles/ann%00"), 404)
    assert_problem(sql_client.put("/api/v1/tweets/x%00y/like", headers=ann.auth), 404)
    page = sql_client.get("/api/v1/timeline", params={"cursor": "\x00"}, headers=ann.auth)
    assert assert_problem(page, 422)["errors"][0]["field"] == "cursor"


def test_an_anonymous_call_to_a_protected_route_is_401_whatever_its_body(sql_client) -> None:
    response = sql_client.post("/api/v1/tweets", json={"text": "\x00"})
    assert_problem(response, 401)


def test_text_that_merely_looks_like_an_escape_is_kept(sql_client, ann) -> None:
    created = sql_client.post(
        "/api/v1/tweets", json={"text": "C strings end with \\u0000"}, headers=ann.auth
    )
    assert created.status_code == 201, created.text
    assert created.json()["text"] == "C strings end with \\u0000"


def test_lone_surrogates_and_broken_json_are_400(sql_client, ann) -> None:
    for body in (b'{"text": "\\ud800"}', b'{"text": ', b"\xff\xfe"):
        response = sql_client.post(
            "/api/v1/tweets",
            content=body,
            headers={**ann.auth, "Content-Type": "application/json"},
        )
        assert_problem(response, 400)


def test_a_multipart_part_that_is_not_utf8_text_is_400(sql_client, ann) -> None:
    boundary = "b0undary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n'.encode()
        + b"\x89PNG\r\n\x1a\n\xff\xfe"
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = sql_client.post(
        "/api/v1/media",
        content=body,
        headers={**ann.auth, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert_problem(response, 400)
