"""Migration 0011 on a database that already holds tweets: their mention ids, hashtags
and media count land on their rows (in position order), pages read them from there, and
going back to 0008 keeps every other row."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.migrate import downgrade, upgrade
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory
from application.pagination import PageRequest
from application.tweets.views import tweet_views
from tests.support.old_databases import database_at, execute

BEFORE = "0008"
NOW = "2026-03-01 12:00:00.000000"
PROFILES = [("01P1", "alice"), ("01P2", "bob"), ("01P3", "carol")]
TWEETS = [
    ("01T1", "01P1", "@carol @bob #zebra #apple"),
    ("01T2", "01P2", "nothing to see"),
    ("01T3", "01P3", "pictures"),
]
# Inserted out of position order: the columns follow positions, not insertion.
MENTIONS = [("01T1", "01P2", 1), ("01T1", "01P3", 0)]
HASHTAGS = [("01T1", "apple", 1), ("01T1", "zebra", 0)]
MEDIA = [("01M2", "01T3", 1), ("01M1", "01T3", 0)]


@pytest.fixture(params=["sqlite", "postgres"])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of this test's own, migrated to 0008 only."""
    with database_at(request.param, BEFORE, tmp_path) as url:
        yield url


def _old_rows(url: str) -> None:
    statements = [
        "INSERT INTO profiles (id, username, username_key, email, email_key, display_name, "
        f"password_hash, created_at) VALUES ('{i}', '{name}', '{name}', '{name}@x.org', "
        f"'{name}@x.org', '{name}', 'h', '{NOW}')"
        for i, name in PROFILES
    ]
    statements += [
        "INSERT INTO tweets (id, author_id, text, created_at) "
        f"VALUES ('{i}', '{a}', '{t}', '{NOW}')"
        for i, a, t in TWEETS
    ]
    statements += [
        f"INSERT INTO tweet_mentions (tweet_id, profile_id, position) VALUES ('{t}', '{p}', {n})"
        for t, p, n in MENTIONS
    ]
    statements += [
        "INSERT INTO tweet_hashtags (tweet_id, tag, position, created_at) "
        f"VALUES ('{t}', '{tag}', {n}, '{NOW}')"
        for t, tag, n in HASHTAGS
    ]
    statements += [
        "INSERT INTO media (id, owner_id, storage_key, content_type, width, height, size_bytes, "
        f"created_at, tweet_id, position) VALUES ('{m}', '01P3', '{m}.png', 'image/png', 2, 1, "
        f"10, '{NOW}', '{t}', {n})"
        for m, t, n in MEDIA
    ]
    statements.append(
        f"INSERT INTO likes (profile_id, tweet_id, created_at) VALUES ('01P2', '01T1', '{NOW}')"
    )
    asyncio.run(execute(url, *statements))


async def _public_page(url: str) -> list[tuple[str, list[str], list[str], list[str]]]:
    """The public timeline as a viewer sees it: (tweet, mentioned usernames, hashtags,
    media ids) per tweet, through the read path."""
    engine = create_engine(url)
    factory = SqlUnitOfWorkFactory(engine)
    try:
        async with factory(read_only=True) as uow:
            tweets = await uow.discovery.public(PageRequest(limit=10))
            views = await tweet_views(uow, tweets, None)
        return sorted(
            (
                view.tweet.id,
                [p.username for p in view.mentions],
                list(view.tweet.hashtags),
                [m.id for m in view.media],
            )
            for view in views
        )
    finally:
        await factory.close()
        await engine.dispose()


def test_upgrading_writes_what_each_tweet_holds_on_its_row(old_database: str) -> None:
    _old_rows(old_database)

    upgrade(old_database)

    [rows] = asyncio.run(
        execute(
            old_database, "SELECT id, mention_ids, hashtags, media_count FROM tweets ORDER BY id"
        )
    )
    assert rows == [
        ("01T1", "01P3 01P2", "zebra apple", 0),
        ("01T2", None, None, 0),
        ("01T3", None, None, 2),
    ]
    assert asyncio.run(_public_page(old_database)) == [
        ("01T1", ["carol", "bob"], ["zebra", "apple"], []),
        ("01T2", [], [], []),
        ("01T3", [], [], ["01M1", "01M2"]),
    ]


def test_a_mentioned_profile_that_is_gone_no_longer_shows(old_database: str) -> None:
    _old_rows(old_database)
    upgrade(old_database)

    asyncio.run(execute(old_database, "DELETE FROM profiles WHERE id = '01P3'"))

    page = asyncio.run(_public_page(old_database))
    assert page == [("01T1", ["bob"], ["zebra", "apple"], []), ("01T2", [], [], [])]


def test_downgrading_keeps_every_older_row_and_can_be_undone(old_database: str) -> None:
    _old_rows(old_database)
    upgrade(old_database)

    downgrade(old_database, BEFORE)

    likes, mentions, tweets = asyncio.run(
        execute(
            old_database,
            "SELECT count(*) FROM likes",
            "SELECT count(*) FROM tweet_mentions",
            "SELECT * FROM tweets ORDER BY id",
        )
    )
    assert likes == [(1,)], "dropping columns never cascades into other tables"
    assert mentions == [(2,)]
    assert [len(row) for row in tweets] == [9, 9, 9], "the three columns are gone"
    upgrade(old_database)
    assert asyncio.run(_public_page(old_database))[0] == (
        "01T1",
        ["carol", "bob"],
        ["zebra", "apple"],
        [],
    )
