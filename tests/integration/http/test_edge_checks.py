"""The app's own checks run as one guard: one copy of the route handler per request for
them (Litestar copies the handler for every guard), in their order."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from litestar.handlers.base import BaseRouteHandler
from litestar.testing import TestClient

from tests.integration.http.conftest import User


def test_an_authenticated_write_copies_its_handler_once_per_guard_level(
    client: TestClient[Any], alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    tweet = client.post("/api/v1/tweets", json={"text": "hello"}, headers=alice.auth).json()
    copies: list[Any] = []
    real_copy = copy.copy

    def counting_copy(value: Any) -> Any:
        if isinstance(value, BaseRouteHandler):
            copies.append(value)
        return real_copy(value)

    monkeypatch.setattr("litestar.handlers.base.copy", counting_copy)
    liked = client.put(f"/api/v1/tweets/{tweet['id']}/like", headers=alice.auth)

    assert liked.status_code == 200
    assert len(copies) == 1, "the app's checks, the sign-in check among them"


def test_the_viewer_is_known_before_the_body_is_checked(client: TestClient[Any]) -> None:
    # An anonymous call to a protected route is refused for the missing log-in, never
    # for what its body holds: the viewer check runs before the NUL check.
    answer = client.post(
        "/api/v1/tweets",
        content=b'{"text": "a\\u0000b"}',
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 401


def test_a_nul_in_the_body_of_a_signed_in_call_is_refused(
    client: TestClient[Any], alice: User
) -> None:
    answer = client.post(
        "/api/v1/tweets",
        content=b'{"text": "a\\u0000b"}',
        headers={**alice.auth, "content-type": "application/json"},
    )
    assert answer.status_code == 422
