"""Follow lists and notification pages cost a fixed number of SQL statements whatever
their size: actors, tweets, media and the viewer's flags come in batches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from application.accounts.signup import SignupInput
from chirp.app import create_app
from tests.integration.http.conftest import settings_for_tests, sign_up
from tests.integration.http.test_page_statements_http import counting_statements, upload_png

API = "/api/v1"
FANS = 55


@pytest.fixture
def sqlite_client(sqlite_url: str) -> Iterator[TestClient[Any]]:
    with TestClient(app=create_app(settings_for_tests(sqlite_url))) as client:
        yield client


def seed(client: TestClient[Any]) -> dict[str, str]:
    """Many fans follow bob and like or retweet his tweets (some with an image); alice
    follows every fan. Written through the use cases to keep it quick. Returns bob's
    auth header."""
    use_cases = client.app.state.container.use_cases
    sign_up(client, "alice")
    bob = sign_up(client, "bob")
    media_ids = [upload_png(client, bob) for _ in range(2)]

    async def write() -> None:
        bob_id = (await use_cases.get_profile()("bob")).profile.id
        alice_id = (await use_cases.get_profile()("alice")).profile.id
        tweets = []
        for n in range(3):
            attached = [media_ids[n]] if n < len(media_ids) else []
            tweets.append((await use_cases.create_tweet()(bob_id, f"tweet {n}", attached)).tweet)
        for n in range(FANS):
            fan = await use_cases.sign_up()(
                SignupInput(f"fan{n}", f"fan{n}@example.com", "password123")
            )
            await use_cases.follow_profile()(fan.id, "bob")
            await use_cases.follow_profile()(alice_id, fan.username)
            await use_cases.like_tweet()(tweets[n % 3].id, fan.id)
            await use_cases.retweet_tweet()(tweets[(n + 1) % 3].id, fan.id)

    client.blocking_portal.call(write)
    return bob.auth


def statements_for(client: TestClient[Any], path: str, headers: dict[str, str]) -> int:
    with counting_statements(client) as seen:
        response = client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return len(seen)


def test_follow_lists_and_notifications_cost_the_same_at_limit_1_and_limit_50(sqlite_client):
    auth = seed(sqlite_client)
    paths = [
        f"{API}/profiles/bob/followers",
        f"{API}/profiles/alice/following",
        f"{API}/notifications",
        f"{API}/notifications?unread=true",
    ]
    for path in paths:
        separator = "&" if "?" in path else "?"
        small = statements_for(sqlite_client, f"{path}{separator}limit=1", auth)
        large = statements_for(sqlite_client, f"{path}{separator}limit=50", auth)
        items = sqlite_client.get(f"{path}{separator}limit=50", headers=auth).json()["items"]
        assert len(items) == 50, path
        assert small == large, f"{path}: {small} statements at limit 1, {large} at limit 50"
        assert large <= 12, f"{path}: {large} statements"
    kinds = {
        item["kind"]
        for item in sqlite_client.get(f"{API}/notifications?limit=100", headers=auth).json()[
            "items"
        ]
    }
    assert kinds == {"follow", "like", "retweet"}
