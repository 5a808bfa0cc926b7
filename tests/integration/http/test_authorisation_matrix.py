"""Broken object level authorisation, tried on every endpoint that acts on an object:
another user's token and no token are refused with the contract's status, and the
object is exactly as it was afterwards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from litestar.testing import TestClient

from tests.integration.http.conftest import PASSWORD, User, assert_problem, sign_up
from tests.support.images import png

Snapshot = Callable[[], Any]


@dataclass
class World:
    """Alice owns one of everything; Bob is another user with a valid token."""

    client: TestClient[Any]
    alice: User
    bob: User
    tweet_id: str
    media_id: str
    notification_id: str


@pytest.fixture
def world(client: TestClient[Any]) -> World:
    alice, carol = sign_up(client, "alice"), sign_up(client, "carol")
    bob = sign_up(client, "bob", password="bob's own password")
    picture = client.put(
        "/api/v1/me/picture", files={"file": ("a.png", png(), "image/png")}, headers=alice.auth
    )
    assert picture.status_code == 200, picture.text
    upload = client.post(
        "/api/v1/media", files={"file": ("b.png", png(), "image/png")}, headers=alice.auth
    )
    assert upload.status_code == 201, upload.text
    tweet = client.post("/api/v1/tweets", json={"text": "mine"}, headers=alice.auth)
    assert tweet.status_code == 201, tweet.text
    tweet_id = tweet.json()["id"]
    assert client.put(f"/api/v1/tweets/{tweet_id}/like", headers=carol.auth).status_code == 200
    notifications = client.get("/api/v1/notifications", headers=alice.auth).json()["items"]
    return World(client, alice, bob, tweet_id, upload.json()["id"], notifications[0]["id"])


def _alice_state(world: World) -> dict[str, Any]:
    """Everything of Alice's the attempts below could touch, as Alice sees it."""
    client, auth = world.client, world.alice.auth
    return {
        "me": client.get("/api/v1/me", headers=auth).json(),
        "tweet": client.get(f"/api/v1/tweets/{world.tweet_id}", headers=auth).json(),
        "tweets": client.get("/api/v1/profiles/alice/tweets", headers=auth).json(),
        "notifications": client.get("/api/v1/notifications", headers=auth).json(),
        "unread": client.get("/api/v1/notifications/unread_count", headers=auth).json(),
    }


@dataclass(frozen=True)
class Attempt:
    name: str
    method: str
    path: str
    as_other: int
    body: dict[str, Any] | None = None
    upload: bool = False


ATTEMPTS = [
    Attempt("delete the tweet", "DELETE", "/api/v1/tweets/{tweet}", 403),
    # A profile, its picture and its password are changed only through /me: there is no
    # route that names someone else's.
    Attempt("edit the profile", "PATCH", "/api/v1/profiles/alice", 405, {"bio": "pwned"}),
    Attempt("replace the picture", "PUT", "/api/v1/profiles/alice/picture", 404, upload=True),
    Attempt("remove the picture", "DELETE", "/api/v1/profiles/alice/picture", 404),
    Attempt(
        "change the password",
        "POST",
        "/api/v1/me/password",
        401,
        {"current_password": PASSWORD, "new_password": "taken over!"},
    ),
    Attempt("read the notifications", "POST", "/api/v1/notifications/read", 404, {"up_to": "{n}"}),
    Attempt("tweet the upload", "POST", "/api/v1/tweets", 422, {"text": "x", "media_ids": ["{m}"]}),
    Attempt(
        "edit a tweet's likes", "DELETE", "/api/v1/tweets/{tweet}/like", 200
    ),  # undoes only the caller's own like, of which there is none
]


def _send(world: World, attempt: Attempt, headers: dict[str, str]) -> Any:
    def fill(text: str) -> str:
        return (
            text.replace("{tweet}", world.tweet_id)
            .replace("{n}", world.notification_id)
            .replace("{m}", world.media_id)
        )

    kwargs: dict[str, Any] = {"headers": headers}
    if attempt.body is not None:
        kwargs["json"] = {
            key: [fill(v) for v in value] if isinstance(value, list) else fill(value)
            for key, value in attempt.body.items()
        }
    if attempt.upload:
        kwargs["files"] = {"file": ("c.png", png(colour=(1, 2, 3)), "image/png")}
    return world.client.request(attempt.method, fill(attempt.path), **kwargs)


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=lambda attempt: attempt.name)
def test_another_users_token_is_refused_and_changes_nothing(world: World, attempt) -> None:
    before = _alice_state(world)
    response = _send(world, attempt, world.bob.auth)
    if attempt.as_other < 300:
        assert response.status_code == attempt.as_other, response.text
    else:
        assert_problem(response, attempt.as_other)
    assert _alice_state(world) == before


@pytest.mark.parametrize(
    "attempt", [a for a in ATTEMPTS if a.as_other not in (404, 405)], ids=lambda a: a.name
)
def test_no_token_is_401_and_changes_nothing(world: World, attempt) -> None:
    before = _alice_state(world)
    assert_problem(_send(world, attempt, {}), 401)
    assert _alice_state(world) == before


@pytest.mark.parametrize(
    ("method", "path", "extra"),
    [
        ("PATCH", "/api/v1/me", {"json": {"bio": "hello"}}),
        ("PUT", "/api/v1/me/picture", {"files": {"file": ("d.png", png(), "image/png")}}),
        ("DELETE", "/api/v1/me/picture", {}),
        ("POST", "/api/v1/notifications/read", {"json": {}}),
    ],
)
def test_the_me_endpoints_act_only_on_the_caller(world: World, method, path, extra) -> None:
    before = _alice_state(world)
    response = world.client.request(method, path, headers=world.bob.auth, **extra)
    assert response.status_code in (200, 204), response.text
    assert _alice_state(world) == before


def test_the_password_stays_and_alices_sessions_live_after_the_attempts(world: World) -> None:
    for attempt in ATTEMPTS:
        _send(world, attempt, world.bob.auth)
    assert world.client.get("/api/v1/me", headers=world.alice.auth).status_code == 200
    login = world.client.post(
        "/api/v1/auth/login", json={"username": "alice", "password": PASSWORD}
    )
    assert login.status_code == 200
    upload_is_still_alices = world.client.post(
        "/api/v1/tweets",
        json={"text": "with media", "media_ids": [world.media_id]},
        headers=world.alice.auth,
    )
    assert upload_is_still_alices.status_code == 201, upload_is_still_alices.text


def test_notifications_and_the_me_profile_are_never_someone_elses(world: World) -> None:
    bobs_notifications = world.client.get("/api/v1/notifications", headers=world.bob.auth).json()
    bobs_me = world.client.get("/api/v1/me", headers=world.bob.auth).json()
    alices_profile = world.client.get("/api/v1/profiles/alice", headers=world.bob.auth).json()
    assert bobs_notifications["items"] == []
    assert bobs_me["username"] == "bob" and bobs_me["email"] == "bob@example.com"
    assert "email" not in alices_profile
