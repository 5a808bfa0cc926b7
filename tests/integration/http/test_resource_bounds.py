"""No request can make the server do unbounded work: JSON bodies stop at 64 KiB and every
list stops at 100 items a page, on every endpoint that takes one."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import TestClient

from tests.integration.http.conftest import User, assert_problem

JSON_BODIES = [
    ("POST", "/api/v1/auth/signup"),
    ("POST", "/api/v1/auth/login"),
    ("PATCH", "/api/v1/me"),
    ("POST", "/api/v1/me/password"),
    ("POST", "/api/v1/tweets"),
    ("POST", "/api/v1/notifications/read"),
]
LISTS = [
    "/api/v1/profiles/alice/tweets",
    "/api/v1/profiles/alice/likes",
    "/api/v1/profiles/alice/followers",
    "/api/v1/profiles/alice/following",
    "/api/v1/tweets/{tweet}/likes",
    "/api/v1/tweets/{tweet}/retweets",
    "/api/v1/timeline",
    "/api/v1/notifications",
]


@pytest.mark.parametrize(("method", "path"), JSON_BODIES)
def test_a_json_body_over_64_kib_is_413_before_it_is_read(
    client: TestClient[Any], alice: User, method: str, path: str
) -> None:
    oversized = b'{"text": "' + b"x" * (64 * 1024) + b'"}'
    response = client.request(
        method, path, content=oversized, headers={**alice.auth, "Content-Type": "application/json"}
    )
    assert_problem(response, 413)


@pytest.mark.parametrize("path", LISTS)
def test_no_page_is_longer_than_100(client: TestClient[Any], alice: User, path: str) -> None:
    tweet = client.post("/api/v1/tweets", json={"text": "hi"}, headers=alice.auth).json()["id"]
    url = path.replace("{tweet}", tweet)
    for limit in (101, 10**9):
        response = client.get(url, params={"limit": limit}, headers=alice.auth)
        assert assert_problem(response, 422)["errors"][0]["field"] == "limit"
    assert client.get(url, params={"limit": 100}, headers=alice.auth).status_code == 200
