"""POST /tweets with an Idempotency-Key over HTTP, on every backend: repeats write once,
also twenty at the same moment and across two app processes' worth of state."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from litestar.testing import AsyncTestClient, TestClient

from chirp.app import create_app
from tests.conftest import BACKENDS
from tests.integration.http.conftest import (
    PASSWORD,
    assert_problem,
    settings_for_tests,
    sign_up,
)

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)
TWEETS = "/api/v1/tweets"


@pytest.fixture
def client(database_url: str):
    with TestClient(app=create_app(settings_for_tests(database_url))) as test_client:
        yield test_client


def keyed(user: Any, key: str) -> dict[str, str]:
    return {**user.auth, "Idempotency-Key": key}


def tweets_count(client: Any, user: Any) -> int:
    return int(client.get("/api/v1/me", headers=user.auth).json()["tweets_count"])


def test_a_repeat_answers_201_with_the_same_tweet_and_writes_nothing(client):
    alice = sign_up(client, "alice")
    first = client.post(TWEETS, json={"text": "hi", "media_ids": []}, headers=keyed(alice, "k-1"))
    assert first.status_code == 201, first.text
    # The same body as parsed JSON: other key order and spacing.
    again = client.post(
        TWEETS,
        content=b'{ "media_ids" : [ ], "text":"hi" }',
        headers={**keyed(alice, "k-1"), "Content-Type": "application/json"},
    )
    assert again.status_code == 201, again.text
    assert again.json() == first.json()
    assert tweets_count(client, alice) == 1


def test_the_same_key_with_a_different_body_is_422_on_the_key(client):
    alice = sign_up(client, "alice")
    assert client.post(TWEETS, json={"text": "hi"}, headers=keyed(alice, "k")).status_code == 201
    refused = client.post(TWEETS, json={"text": "hi!"}, headers=keyed(alice, "k"))
    body = assert_problem(refused, 422)
    assert [e["field"] for e in body["errors"]] == ["Idempotency-Key"]
    assert tweets_count(client, alice) == 1


@pytest.mark.parametrize("key", [b"", b"a b", b"x" * 65, "caf\u00e9".encode("latin-1"), b"t\tab"])
def test_a_key_outside_1_to_64_visible_ascii_characters_is_422_on_the_key(client, key):
    alice = sign_up(client, "alice")
    refused = client.post(
        TWEETS, json={"text": "hi"}, headers={**alice.auth, "Idempotency-Key": key}
    )
    body = assert_problem(refused, 422)
    assert [e["field"] for e in body["errors"]] == ["Idempotency-Key"]
    assert tweets_count(client, alice) == 0


def test_the_longest_key_of_every_visible_character_is_accepted(client):
    alice = sign_up(client, "alice")
    key = "".join(chr(c) for c in range(0x21, 0x7F))[:64]
    assert client.post(TWEETS, json={"text": "hi"}, headers=keyed(alice, key)).status_code == 201


def test_a_refused_request_does_not_use_up_its_key(client):
    alice = sign_up(client, "alice")
    empty = client.post(TWEETS, json={"text": "  "}, headers=keyed(alice, "k"))
    assert_problem(empty, 422)
    written = client.post(TWEETS, json={"text": "now with words"}, headers=keyed(alice, "k"))
    assert written.status_code == 201, written.text


def test_keys_of_different_users_never_meet(client):
    alice, bob = sign_up(client, "alice"), sign_up(client, "bob")
    mine = client.post(TWEETS, json={"text": "alice"}, headers=keyed(alice, "same"))
    theirs = client.post(TWEETS, json={"text": "bob"}, headers=keyed(bob, "same"))
    assert mine.status_code == theirs.status_code == 201
    assert theirs.json()["author"]["username"] == "bob"
    assert mine.json()["id"] != theirs.json()["id"]


def test_without_a_key_every_post_writes(client):
    alice = sign_up(client, "alice")
    for _ in range(2):
        assert client.post(TWEETS, json={"text": "hi"}, headers=alice.auth).status_code == 201
    assert tweets_count(client, alice) == 2


def test_the_key_holds_in_another_process_of_the_same_database(database_url):
    if database_url == "memory://":
        pytest.skip("memory storage lives in one process")
    with TestClient(app=create_app(settings_for_tests(database_url))) as first_process:
        alice = sign_up(first_process, "alice")
        first = first_process.post(TWEETS, json={"text": "hi"}, headers=keyed(alice, "k"))
    with TestClient(app=create_app(settings_for_tests(database_url))) as restarted:
        again = restarted.post(TWEETS, json={"text": "hi"}, headers=keyed(alice, "k"))
        assert again.status_code == 201
        assert again.json()["id"] == first.json()["id"]
        assert tweets_count(restarted, alice) == 1


async def test_twenty_concurrent_repeats_write_one_tweet_and_all_answer_it(database_url):
    app = create_app(settings_for_tests(database_url))
    async with AsyncTestClient(app=app) as client:
        await client.post(
            "/api/v1/auth/signup",
            json={"username": "alice", "email": "alice@example.com", "password": PASSWORD},
        )
        login = await client.post(
            "/api/v1/auth/login", json={"username": "alice", "password": PASSWORD}
        )
        headers = {
            "Authorization": f"Bearer {login.json()['access_token']}",
            "Idempotency-Key": "one-burst",
        }
        answers = await asyncio.gather(
            *(client.post(TWEETS, json={"text": "once"}, headers=headers) for _ in range(20))
        )
        assert [a.status_code for a in answers] == [201] * 20, [a.text for a in answers]
        assert len({a.json()["id"] for a in answers}) == 1
        me = await client.get("/api/v1/me", headers={"Authorization": headers["Authorization"]})
        assert me.json()["tweets_count"] == 1
        page = await client.get("/api/v1/profiles/alice/tweets")
        assert len(page.json()["items"]) == 1
