"""Which unit of work each backend's writes get, and what the driver-level write paths
keep on both SQL backends: hand SQL and SQLAlchemy methods in one transaction, reads
after writes that see the writes, and the race with a deleted tweet retried as a 404.

The concurrency, crash and behaviour suites run these paths as well (tests/conftest.py
hands every writing unit of work of a SQL backend to them)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory
from adapters.persistence.sql.writes.postgres import PostgresWriteUnitOfWork
from adapters.persistence.sql.writes.sqlite import SqliteWriteUnitOfWork
from application.pagination import PageRequest
from application.ports.unit_of_work import TransientConflict
from domain.follow import Follow
from domain.notification import Notification, NotificationKind
from domain.profile import Profile
from domain.tweet import Like, Tweet

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)

NOW = datetime(2026, 5, 1, 9, 30, 0, 123456, tzinfo=UTC)
AUTHOR = "01AUTHOR000000000000000000"
FAN = "01FAN000000000000000000000"
TWEET = "01TWEET0000000000000000000"


def a_profile(profile_id: str, username: str) -> Profile:
    return Profile(
        id=profile_id,
        username=username,
        email=f"{username}@example.com",
        display_name=username,
        bio="",
        created_at=NOW,
        password_hash="$argon2id$fake",
    )


@pytest.fixture
async def factory(database_url: str) -> AsyncIterator[SqlUnitOfWorkFactory]:
    engine = create_engine(database_url)
    factory = SqlUnitOfWorkFactory(engine)
    async with factory() as uow:
        await uow.profiles.add(a_profile(AUTHOR, "author"))
        await uow.profiles.add(a_profile(FAN, "fan"))
        await uow.tweets.add(Tweet(id=TWEET, author_id=AUTHOR, text="hello", created_at=NOW))
        await uow.commit()
    yield factory
    await factory.close()
    await engine.dispose()


async def test_each_backend_writes_on_its_driver_path(factory: SqlUnitOfWorkFactory) -> None:
    expected = {"sqlite": SqliteWriteUnitOfWork, "postgresql": PostgresWriteUnitOfWork}
    assert isinstance(factory(), expected[factory.engine.dialect.name])


async def test_hand_sql_and_sqlalchemy_share_one_transaction(
    factory: SqlUnitOfWorkFactory,
) -> None:
    newcomer = a_profile("01NEWCOMER0000000000000000", "newcomer")
    tweet = Tweet(id="01TWEET0000000000000000001", author_id=newcomer.id, text="x", created_at=NOW)
    async with factory() as uow:  # left without commit
        await uow.profiles.add(newcomer)  # SQLAlchemy
        await uow.tweets.add(tweet)  # hand SQL
        await uow.profiles.adjust_counts(newcomer.id, tweets=+1)
    async with factory(read_only=True) as uow:
        assert await uow.profiles.get(newcomer.id) is None
        assert await uow.tweets.get(tweet.id) is None

    tagged = Tweet(**{**tweet.__dict__, "hashtags": ("hi", "there"), "mention_ids": (AUTHOR,)})
    async with factory() as uow:
        await uow.profiles.add(newcomer)
        await uow.tweets.add(tagged)
        await uow.profiles.adjust_counts(newcomer.id, tweets=+1)
        await uow.commit()
    async with factory(read_only=True) as uow:
        stored = await uow.profiles.get(newcomer.id)
        read_back = await uow.tweets.get(tweet.id)
    assert stored is not None and stored.tweets_count == 1
    assert read_back == tagged


async def test_reads_after_writes_in_one_transaction_see_them(
    factory: SqlUnitOfWorkFactory,
) -> None:
    async with factory() as uow:
        assert await uow.tweets.get(TWEET) is not None  # loads the author along
        await uow.profiles.adjust_counts(AUTHOR, followers=+3)
        await uow.tweets.adjust_counts(TWEET, likes=+2, replies=+1)
        assert await uow.likes.add(Like(FAN, TWEET, NOW))
        assert not await uow.likes.add(Like(FAN, TWEET, NOW))
        assert await uow.follows.add(Follow(FAN, AUTHOR, NOW))
        author = await uow.profiles.get(AUTHOR)
        again = await uow.tweets.get(TWEET)
        liked = await uow.likes.liked_among(FAN, [TWEET])
        await uow.commit()
    assert author is not None and author.followers_count == 3
    assert again is not None and (again.like_count, again.reply_count) == (2, 1)
    assert liked == {TWEET}


async def test_notifications_about_an_act_are_removed_by_its_kind_and_tweet(
    factory: SqlUnitOfWorkFactory,
) -> None:
    def note(n: int, kind: NotificationKind, tweet_id: str | None) -> Notification:
        return Notification(f"01NOTE{n:020d}", AUTHOR, kind, FAN, tweet_id, NOW)

    async with factory() as uow:
        await uow.notifications.add(note(1, NotificationKind.LIKE, TWEET))
        await uow.notifications.add(note(2, NotificationKind.FOLLOW, None))
        await uow.notifications.add(note(3, NotificationKind.RETWEET, TWEET))
        await uow.commit()
    async with factory() as uow:
        await uow.notifications.remove_about(
            kind=NotificationKind.FOLLOW, actor_id=FAN, recipient_id=AUTHOR, tweet_id=None
        )
        await uow.notifications.remove_about(
            kind=NotificationKind.LIKE, actor_id=FAN, recipient_id=AUTHOR, tweet_id=TWEET
        )
        await uow.commit()
    async with factory(read_only=True) as uow:
        left = [n.id for n in await uow.notifications.of_recipient(AUTHOR, PageRequest(limit=10))]
    assert left == [note(3, NotificationKind.RETWEET, TWEET).id]


async def test_a_like_of_a_tweet_deleted_meanwhile_is_a_transient_conflict(
    factory: SqlUnitOfWorkFactory,
) -> None:
    with pytest.raises(TransientConflict):
        async with factory() as uow:
            await uow.likes.add(Like(FAN, "01GONE00000000000000000000", NOW))
