"""Migration 0010 on a database that already holds follows: profiles are numbered in
creation order, every follower's list is built from its rows, and going back to 0008
drops both and keeps every row."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.integrity import SqlIntegrityChecker
from adapters.persistence.sql.migrate import downgrade, upgrade
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory
from tests.support.old_databases import database_at, execute

BEFORE = "0008"
# (id, username, created second): creation order is not id order.
PROFILES = [("01P3", "carol", 1), ("01P1", "alice", 2), ("01P2", "bob", 3), ("01P4", "dan", 4)]
FOLLOWS = [("01P1", "01P2"), ("01P2", "01P3"), ("01P2", "01P4"), ("01P3", "01P4")]


@pytest.fixture(params=["sqlite", "postgres"])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database migrated to 0008 only."""
    with database_at(request.param, BEFORE, tmp_path) as url:
        yield url


def _profile(i: str, name: str, second: int) -> str:
    return (
        "INSERT INTO profiles (id, username, username_key, email, email_key, display_name, "
        f"password_hash, created_at) VALUES ('{i}', '{name}', '{name}', '{name}@x.org', "
        f"'{name}@x.org', '{name}', 'h', '2026-03-01 12:00:0{second}.000000')"
    )


def _old_rows(url: str) -> None:
    follows = [
        f"INSERT INTO follows (follower_id, followee_id, created_at) "
        f"VALUES ('{a}', '{b}', '2026-03-02 12:00:00.000000')"
        for a, b in FOLLOWS
    ]
    counts = [
        "UPDATE profiles SET followers_count = (SELECT count(*) FROM follows "
        "WHERE followee_id = profiles.id), following_count = (SELECT count(*) FROM follows "
        "WHERE follower_id = profiles.id)"
    ]
    asyncio.run(execute(url, *(_profile(*p) for p in PROFILES), *follows, *counts))


async def _checked_and_suggested(url: str, profile_id: str) -> tuple[list[str], list[str]]:
    engine = create_engine(url)
    factory = SqlUnitOfWorkFactory(engine)
    try:
        stale = await SqlIntegrityChecker(engine).stale_follow_lists()
        async with factory(read_only=True) as uow:
            found = await uow.discovery.suggestions(profile_id, 20)
        return stale, [p.username for p in found]
    finally:
        await factory.close()
        await engine.dispose()


def test_upgrading_numbers_profiles_and_lists_their_follows(old_database: str) -> None:
    _old_rows(old_database)

    upgrade(old_database)

    (numbers,) = asyncio.run(
        execute(old_database, "SELECT username, number FROM profiles ORDER BY number")
    )
    assert numbers == [("carol", 1), ("alice", 2), ("bob", 3), ("dan", 4)]
    stale, suggested = asyncio.run(_checked_and_suggested(old_database, "01P1"))
    assert stale == []
    assert suggested == ["dan", "carol"]  # bob follows both; dan has two followers
    asyncio.run(execute(old_database, _profile("01P5", "erin", 5)))
    (newest,) = asyncio.run(execute(old_database, "SELECT number FROM profiles WHERE id = '01P5'"))
    assert newest == [(5,)]


def test_downgrading_drops_the_lists_and_keeps_every_row(old_database: str) -> None:
    _old_rows(old_database)
    upgrade(old_database)

    downgrade(old_database, BEFORE)

    follows, profiles = asyncio.run(
        execute(old_database, "SELECT count(*) FROM follows", "SELECT * FROM profiles")
    )
    assert follows == [(len(FOLLOWS),)]
    assert len(profiles) == len(PROFILES)
    assert all(len(row) == 13 for row in profiles), "the number column is gone"
    asyncio.run(execute(old_database, _profile("01P5", "erin", 5)))
    upgrade(old_database)
    stale, suggested = asyncio.run(_checked_and_suggested(old_database, "01P1"))
    assert (stale, suggested) == ([], ["dan", "carol", "erin"])
