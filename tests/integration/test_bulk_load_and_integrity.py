"""The bulk writer and the integrity checker on each SQL backend."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.sql.bulk import SqlBulkWriter
from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.integrity import SqlIntegrityChecker
from chirp.seeding import SeedPlan, build_dataset
from chirp.seeding.loader import load
from domain.errors import Conflict
from domain.media import Media
from tests.conftest import BACKENDS

pytestmark = pytest.mark.parametrize("database_url", BACKENDS[1:], indirect=True)

PLAN = SeedPlan(profiles=40, tweets=300, seed=5, until=datetime(2026, 3, 1, tzinfo=UTC))


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


async def scalar(engine: AsyncEngine, sql: str) -> int:
    async with engine.connect() as connection:
        value: int = (await connection.execute(text(sql))).scalar_one()
    return value


async def test_a_loaded_data_set_has_every_row_and_exact_counts(engine: AsyncEngine) -> None:
    data = build_dataset(PLAN, "hash")
    batches: list[int] = []

    written = await load(data, SqlBulkWriter(engine, batch_size=250), progress=batches.append)

    assert written == {table: rows for table, rows in data.sizes().items() if table != "media"}
    assert sum(batches) == sum(written.values())
    assert await scalar(engine, "SELECT count(*) FROM notifications") == written["notifications"]
    assert written["tweet_hashtags"] > 0 and written["tweet_mentions"] > 0
    replies = "SELECT count(*) FROM tweets WHERE in_reply_to_id IS NOT NULL"
    assert await scalar(engine, replies) == sum(1 for t in data.tweets if t.in_reply_to_id)
    assert await SqlIntegrityChecker(engine).count_mismatches() == []
    assert await SqlIntegrityChecker(engine).stale_follow_lists() == []
    listed = "SELECT count(*) FROM follow_lists"
    assert await scalar(engine, listed) == len({f.follower_id for f in data.follows()})


async def test_mismatches_are_found_and_repaired(engine: AsyncEngine) -> None:
    await load(build_dataset(PLAN, "hash"), SqlBulkWriter(engine))
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE profiles SET tweets_count = tweets_count + 2 WHERE username = 'user00004'")
        )
        await connection.execute(
            text("DELETE FROM retweets WHERE id = (SELECT min(id) FROM retweets)")
        )
        await connection.execute(
            text(
                "UPDATE tweets SET reply_count = reply_count + 1 WHERE id = "
                "(SELECT min(in_reply_to_id) FROM tweets)"
            )
        )
    checker = SqlIntegrityChecker(engine)

    found = await checker.count_mismatches()

    assert {(m.table, m.count) for m in found} == {
        ("profiles", "tweets_count"),
        ("tweets", "retweet_count"),
        ("tweets", "reply_count"),
    }
    profile = next(m for m in found if m.table == "profiles")
    assert (profile.label, profile.stored - profile.actual) == ("user00004", 2)
    assert await checker.repair_counts() == 3
    assert await checker.count_mismatches() == []


async def test_a_failed_batch_leaves_nothing_behind(engine: AsyncEngine) -> None:
    data = build_dataset(PLAN, "hash")
    writer = SqlBulkWriter(engine, batch_size=10)
    await writer.insert([replace(data.profiles[-1], id="0" * 26)])

    with pytest.raises(Conflict):
        await writer.insert(data.profiles)

    assert await scalar(engine, "SELECT count(*) FROM profiles") == 1


async def test_media_written_in_bulk_count_on_their_tweets_and_the_check_sees_the_count(
    engine: AsyncEngine,
) -> None:
    data = build_dataset(PLAN, "hash")
    await load(data, SqlBulkWriter(engine))
    first, second = data.tweets[0], data.tweets[1]
    at = datetime(2026, 3, 1, tzinfo=UTC)
    attached = [
        Media(f"01M{n:023d}", first.author_id, f"{n:032x}.png", "image/png", 2, 1, 10, at)
        for n in range(3)
    ]
    # The first tweet's two media fall in different batches: each batch counts again.
    attached = [
        attached[0].attached_to(first.id, 0),
        attached[1].attached_to(second.id, 0),
        attached[2].attached_to(first.id, 1),
    ]

    await SqlBulkWriter(engine, batch_size=2).insert(attached)

    counted = "SELECT media_count FROM tweets WHERE id = '{}'"
    assert await scalar(engine, counted.format(first.id)) == 2
    assert await scalar(engine, counted.format(second.id)) == 1
    assert await scalar(engine, counted.format(data.tweets[2].id)) == 0
    checker = SqlIntegrityChecker(engine)
    assert await checker.count_mismatches() == []
    async with engine.begin() as connection:
        await connection.execute(text(f"UPDATE tweets SET media_count = 0 WHERE id = '{first.id}'"))
    [wrong] = await checker.count_mismatches()
    assert (wrong.table, wrong.row_id, wrong.count, wrong.stored, wrong.actual) == (
        "tweets",
        first.id,
        "media_count",
        0,
        2,
    )
    assert await checker.repair_counts() == 1
    assert await scalar(engine, counted.format(first.id)) == 2


async def test_media_written_before_their_tweet_count_on_it(engine: AsyncEngine) -> None:
    data = build_dataset(PLAN, "hash")
    tweet = data.tweets[0]
    author = next(p for p in data.profiles if p.id == tweet.author_id)
    at = datetime(2026, 3, 1, tzinfo=UTC)
    photo = Media("01M" + "9" * 23, author.id, "9" * 32 + ".png", "image/png", 2, 1, 10, at)
    writer = SqlBulkWriter(engine)
    await writer.insert([author])

    await writer.insert([photo.attached_to(tweet.id, 0)])  # as `chirp seed` does: media first
    await writer.insert([tweet])

    assert await scalar(engine, f"SELECT media_count FROM tweets WHERE id = '{tweet.id}'") == 1
