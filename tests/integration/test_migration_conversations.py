"""Migration 0006 on a database that already holds tweets: it fills in their mentions,
hashtags and search index, and going back to 0005 keeps every other row."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.migrate import downgrade, upgrade
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory
from application.pagination import PageRequest
from application.ports.conversations import TweetSearch
from tests.support.old_databases import database_at, execute

BEFORE = "0005"
NOW = "2026-03-01 12:00:00.000000"
PROFILES = [("01P1", "Alice", "alice"), ("01P2", "Bob", "bob")]
TWEETS = [
    ("01T1", "01P1", "Hello @BOB and @nobody, #Python #python #123 #Ünïcode"),
    ("01T2", "01P2", "pythonic thoughts a@bob.com"),
]


@pytest.fixture(params=["sqlite", "postgres"])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of this branch's own, migrated to 0005 only."""
    with database_at(request.param, BEFORE, tmp_path) as url:
        yield url


def _old_rows(url: str) -> None:
    profiles = [
        f"INSERT INTO profiles (id, username, username_key, email, email_key, display_name, "
        f"password_hash, created_at) VALUES ('{i}', '{name}', '{key}', '{key}@x.org', "
        f"'{key}@x.org', '{name}', 'h', '{NOW}')"
        for i, name, key in PROFILES
    ]
    tweets = [
        "INSERT INTO tweets (id, author_id, text, created_at) "
        f"VALUES ('{i}', '{a}', '{t}', '{NOW}')"
        for i, a, t in TWEETS
    ]
    like = f"INSERT INTO likes (profile_id, tweet_id, created_at) VALUES ('01P2', '01T1', '{NOW}')"
    asyncio.run(execute(url, *profiles, *tweets, like))


async def _searched(url: str, words: tuple[str, ...]) -> list[str]:
    engine = create_engine(url)
    factory = SqlUnitOfWorkFactory(engine)
    try:
        async with factory(read_only=True) as uow:
            found = await uow.search.tweets(TweetSearch(words), PageRequest(limit=5))
        return [t.id for t in found]
    finally:
        await factory.close()
        await engine.dispose()


def test_upgrading_fills_in_what_tweets_already_hold(old_database: str) -> None:
    _old_rows(old_database)

    upgrade(old_database)

    mentions, tags, counts = asyncio.run(
        execute(
            old_database,
            "SELECT tweet_id, profile_id, position FROM tweet_mentions ORDER BY tweet_id",
            "SELECT tweet_id, tag, position FROM tweet_hashtags ORDER BY tweet_id, position",
            "SELECT id, reply_count, in_reply_to_id FROM tweets ORDER BY id",
        )
    )
    assert mentions == [("01T1", "01P2", 0)]  # @nobody names no profile; an email is none
    assert tags == [("01T1", "python", 0), ("01T1", "ünïcode", 1)]
    assert counts == [("01T1", 0, None), ("01T2", 0, None)]
    assert asyncio.run(_searched(old_database, ("pyth",))) == ["01T2", "01T1"]


def test_downgrading_keeps_every_older_row_and_can_be_undone(old_database: str) -> None:
    _old_rows(old_database)
    upgrade(old_database)

    downgrade(old_database, BEFORE)

    likes, tweets = asyncio.run(
        execute(old_database, "SELECT count(*) FROM likes", "SELECT * FROM tweets ORDER BY id")
    )
    assert likes == [(1,)], "dropping columns never cascades into other tables"
    assert [len(row) for row in tweets] == [6, 6], "the reply columns are gone"
    upgrade(old_database)
    assert asyncio.run(_searched(old_database, ("hello", "bob"))) == ["01T1"]
