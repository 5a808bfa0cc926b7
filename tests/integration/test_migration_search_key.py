"""Migration 0009 on a database that already holds tweets: SQLite's tweets get time keys
that order like (created_at, id), the search index is rebuilt on them, and going back to
0008 restores the index on rowids. PostgreSQL is left as it was, both ways."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.migrate import downgrade, upgrade
from adapters.persistence.sql.reads.conversations import time_key
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory
from application.pagination import Cursor, PageRequest
from application.ports.conversations import TweetSearch
from tests.support.old_databases import database_at, execute

BEFORE = "0008"
SHARED = "2026-03-01 12:00:00.000000"  # a zero fraction, as SQLAlchemy writes it
# (id, created_at): ids out of order within the shared microsecond, dates out of order
# across rows, one before 1970.
TWEETS = [
    ("01T5", SHARED),
    ("01T2", "2026-03-01 12:00:00.500000"),
    ("01T9", SHARED),
    ("01T1", "1969-12-31 23:59:59.250000"),
    ("01T3", SHARED),
    ("01T7", "2025-01-01 08:30:00.000001"),
]
NEWEST_FIRST = ["01T2", "01T9", "01T5", "01T3", "01T7", "01T1"]


@pytest.fixture(params=["sqlite", "postgres"])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of this test's own, migrated to 0008 only."""
    with database_at(request.param, BEFORE, tmp_path) as url:
        yield url


def _old_rows(url: str) -> None:
    profile = (
        "INSERT INTO profiles (id, username, username_key, email, email_key, display_name, "
        f"password_hash, created_at) VALUES ('01P1', 'Al', 'al', 'a@x.org', 'a@x.org', 'Al', "
        f"'h', '{SHARED}')"
    )
    tweets = [
        f"INSERT INTO tweets (id, author_id, text, created_at) VALUES "
        f"('{i}', '01P1', 'keyed words {i}', '{at}')"
        for i, at in TWEETS
    ]
    asyncio.run(execute(url, profile, *tweets))


async def _pages(url: str, size: int) -> list[str]:
    engine = create_engine(url)
    factory = SqlUnitOfWorkFactory(engine)
    seen: list[str] = []
    after = None
    try:
        while True:
            async with factory(read_only=True) as uow:
                page = PageRequest(limit=size, after=after)
                rows = await uow.search.tweets(TweetSearch(("keye",)), page)
            seen += [t.id for t in rows[:size]]
            if len(rows) <= size:
                return seen
            after = Cursor(rows[size - 1].created_at, rows[size - 1].id)
    finally:
        await factory.close()
        await engine.dispose()


def _moment(stored: str) -> datetime:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def test_upgrading_keys_stored_tweets_by_time_then_id(old_database: str) -> None:
    _old_rows(old_database)

    upgrade(old_database)

    for size in (1, 2, 4, 10):
        assert asyncio.run(_pages(old_database, size)) == NEWEST_FIRST
    if not old_database.startswith("sqlite"):
        return
    [keys] = asyncio.run(execute(old_database, "SELECT id, search_key FROM tweets"))
    by_key = [i for i, _ in sorted(keys, key=lambda row: row[1], reverse=True)]
    assert by_key == NEWEST_FIRST, "stored tweets of one microsecond are keyed by id"
    expected = {i: time_key(_moment(at)) for i, at in TWEETS}
    for slot, shared in enumerate(("01T3", "01T5", "01T9")):
        expected[shared] += slot
    assert dict(keys) == expected


def test_a_new_tweet_takes_the_next_slot_of_its_microsecond(old_database: str) -> None:
    _old_rows(old_database)
    upgrade(old_database)

    new = (
        "INSERT INTO tweets (id, author_id, text, created_at) "
        f"VALUES ('01T4', '01P1', 'keyed words again', '{SHARED}')"
    )
    asyncio.run(execute(old_database, new))

    expected = ["01T2", "01T9", "01T5", "01T4", "01T3", "01T7", "01T1"]
    for size in (1, 2, 3):
        assert asyncio.run(_pages(old_database, size)) == expected
    if old_database.startswith("sqlite"):
        [[(key,)]] = asyncio.run(
            execute(old_database, "SELECT search_key FROM tweets WHERE id = '01T4'")
        )
        assert key == time_key(_moment(SHARED)) + 3


def test_downgrading_restores_the_index_on_rowids_and_can_be_undone(old_database: str) -> None:
    _old_rows(old_database)
    upgrade(old_database)

    downgrade(old_database, BEFORE)

    [tweets] = asyncio.run(execute(old_database, "SELECT * FROM tweets ORDER BY id"))
    assert {len(row) for row in tweets} == {9}, "the key column is gone"
    if old_database.startswith("sqlite"):
        [matched, ids] = asyncio.run(
            execute(
                old_database,
                "SELECT rowid FROM tweets_fts WHERE tweets_fts MATCH 'keye*' ORDER BY rowid",
                "SELECT rowid FROM tweets ORDER BY rowid",
            )
        )
        assert matched == ids
    upgrade(old_database)
    assert asyncio.run(_pages(old_database, 2)) == NEWEST_FIRST
