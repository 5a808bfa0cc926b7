"""Each page is answered with a fixed number of SQL statements, whatever its size: the
authors, media and viewer flags behind a page come in batches, never one query per item."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from litestar.testing import TestClient
from PIL import Image
from sqlalchemy import event

from application.accounts.signup import SignupInput
from chirp.app import create_app
from tests.integration.http.conftest import settings_for_tests, sign_up

API = "/api/v1"
TWEETS = 55


@pytest.fixture
def sqlite_client(sqlite_url: str) -> Iterator[TestClient[Any]]:
    with TestClient(app=create_app(settings_for_tests(sqlite_url))) as client:
        yield client


@contextmanager
def counting_statements(client: TestClient[Any]) -> Iterator[list[str]]:
    """Statements through the engine and through the read path (plain sqlite3)."""
    engine = client.app.state.container.core.engine()
    reads = client.app.state.container.core.uow().read_path
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    reads.trace(seen.append)
    try:
        yield seen
    finally:
        reads.trace(None)
        event.remove(engine.sync_engine, "before_cursor_execute", count)


def upload_png(client: TestClient[Any], user: Any) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "blue").save(buffer, format="PNG")
    files = {"file": ("p.png", buffer.getvalue(), "image/png")}
    response = client.post(f"{API}/media", files=files, headers=user.auth)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def seed(client: TestClient[Any]) -> str:
    """alice follows bob; bob wrote many tweets (some with an image), which alice liked
    and retweeted, and many fans liked the first. Written through the use cases, not HTTP, to
    keep it quick. Returns the most liked tweet's id."""
    use_cases = client.app.state.container.use_cases
    alice = sign_up(client, "alice")
    bob = sign_up(client, "bob")
    media_ids = [upload_png(client, bob) for _ in range(3)]

    async def write() -> str:
        ids = {}
        for name in ("alice", "bob"):
            profile = await use_cases.get_profile()(name)
            ids[name] = profile.profile.id
        await use_cases.follow_profile()(ids["alice"], "bob")
        tweet_ids = []
        for n in range(TWEETS):
            attached = [media_ids[n]] if n < len(media_ids) else []
            view = await use_cases.create_tweet()(ids["bob"], f"tweet {n}", attached)
            tweet_ids.append(view.tweet.id)
            await use_cases.like_tweet()(view.tweet.id, ids["alice"])
            await use_cases.retweet_tweet()(view.tweet.id, ids["alice"])
        for n in range(TWEETS):
            fan = await use_cases.sign_up()(
                SignupInput(f"fan{n}", f"fan{n}@example.com", "password123")
            )
            await use_cases.like_tweet()(tweet_ids[0], fan.id)
        return tweet_ids[0]

    client.headers.update(alice.auth)
    return client.blocking_portal.call(write)


def statements_for(client: TestClient[Any], path: str) -> tuple[int, int]:
    with counting_statements(client) as seen:
        response = client.get(path)
    assert response.status_code == 200, response.text
    return len(seen), len(response.json()["items"])


def test_a_page_costs_the_same_statements_at_limit_1_and_limit_50(sqlite_client):
    popular = seed(sqlite_client)
    paths = [
        f"{API}/timeline",
        f"{API}/profiles/bob/tweets",
        f"{API}/profiles/alice/tweets?include_retweets=true",
        f"{API}/profiles/alice/likes",
        f"{API}/tweets/{popular}/likes",
        f"{API}/tweets/{popular}/retweets",
    ]
    for path in paths:
        separator = "&" if "?" in path else "?"
        # The first read may also refresh the timeline planner's table sizes (a statistic
        # read every few seconds, not per item): count from the second one on.
        statements_for(sqlite_client, path)
        small, small_items = statements_for(sqlite_client, f"{path}{separator}limit=1")
        large, large_items = statements_for(sqlite_client, f"{path}{separator}limit=50")
        assert small_items == 1, path
        assert large_items == (1 if path.endswith("/retweets") else 50), path
        assert small == large, f"{path}: {small} statements at limit 1, {large} at limit 50"
        assert 4 <= large <= 12, f"{path}: {large} statements"
