"""Through HTTP: every value the rules accept is accepted, any other gets 422, never a 5xx."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient

from chirp.app import create_app
from tests.integration.http.conftest import PASSWORD, assert_problem, settings_for_tests

USERNAME = re.compile(r"[A-Za-z0-9_]{1,30}")
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def shared() -> Iterator[TestClient[Any]]:
    """One app for all examples: building an app per example would dominate the run."""
    with TestClient(app=create_app(settings_for_tests())) as client:
        client.post(
            "/api/v1/auth/signup",
            json={"username": "ann", "email": "ann@example.com", "password": PASSWORD},
        )
        yield client


_taken: set[str] = {"ann"}


@pytest.fixture(scope="module")
def ann_token(shared: TestClient[Any]) -> str:
    login = shared.post("/api/v1/auth/login", json={"username": "ann", "password": PASSWORD})
    token: str = login.json()["access_token"]
    return token


@settings(max_examples=60)
@given(username=st.text(max_size=35))
def test_signup_accepts_exactly_the_usernames_the_pattern_allows(
    shared: TestClient[Any], username: str
) -> None:
    email = f"{uuid.uuid4().hex}@example.com"
    response = shared.post(
        "/api/v1/auth/signup",
        json={"username": username, "email": email, "password": PASSWORD},
    )
    if USERNAME.fullmatch(username) and username.lower() in _taken:
        assert assert_problem(response, 409)["errors"][0]["field"] == "username"
    elif USERNAME.fullmatch(username):
        _taken.add(username.lower())
        assert response.status_code == 201, response.text
        assert response.json()["username"] == username
    else:
        problem = assert_problem(response, 422)
        assert problem["errors"][0]["field"] == "username"


@settings(max_examples=60)
@given(display_name=st.text(max_size=60), bio=st.text(max_size=170))
def test_profile_edits_follow_the_length_rules_after_normalising(
    shared: TestClient[Any], ann_token: str, display_name: str, bio: str
) -> None:
    response = shared.patch(
        "/api/v1/me",
        headers={"Authorization": f"Bearer {ann_token}"},
        json={"display_name": display_name, "bio": bio},
    )
    name = unicodedata.normalize("NFC", display_name).strip()
    about = unicodedata.normalize("NFC", bio).strip()
    controls = any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in name + about)
    if 1 <= len(name) <= 50 and len(about) <= 160 and not controls:
        assert response.status_code == 200, response.text
        assert (response.json()["display_name"], response.json()["bio"]) == (name, about)
    else:
        assert_problem(response, 422)


@settings(max_examples=80)
@given(body=json_values)
def test_any_json_body_gets_a_4xx_problem_or_a_201_never_a_5xx(
    shared: TestClient[Any], body: Any
) -> None:
    response = shared.post("/api/v1/auth/signup", json=body)
    if response.status_code != 201:
        assert 400 <= response.status_code < 500
        assert response.headers["content-type"].startswith("application/problem+json")


@settings(max_examples=40)
@given(raw=st.binary(max_size=200))
def test_any_bytes_as_a_body_never_give_a_5xx(shared: TestClient[Any], raw: bytes) -> None:
    response = shared.post(
        "/api/v1/auth/login", content=raw, headers={"content-type": "application/json"}
    )
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"].startswith("application/problem+json")
