"""The read path (hand-written statements on the bare driver) answers exactly what the
SQLAlchemy repositories answer, in both timeline shapes, and keeps the guarantees of a
unit of work: every commit is seen at once, a read is one snapshot, nothing is written.

The repository behaviour suites run it too: the SQL backends of tests/conftest.py hand
read-only units of work to it, as production does."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.reads.planner import TimelinePlanner, TimelineShape
from adapters.persistence.sql.reads.sqlite import SqliteReadPath
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory, read_path_for
from application.pagination import Cursor, PageRequest
from application.ports.social import EntryRow
from domain.follow import Follow
from domain.media import Media
from domain.profile import Profile
from domain.token import AccessToken
from domain.tweet import Like, Retweet, Tweet

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)

NOW = datetime(2026, 3, 1, 12, 0, 0, 654321, tzinfo=UTC)


class ForcedPlanner(TimelinePlanner):
    """Always the one timeline shape under test."""

    def __init__(self, shape: TimelineShape) -> None:
        super().__init__("any")
        self.forced = shape

    async def shape(self, reader, following, fetch) -> TimelineShape:  # type: ignore[no-untyped-def]
        return self.forced


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator:  # type: ignore[type-arg]
    engine = create_engine(database_url)
    yield engine
    for factory in OPENED:
        await factory.close()
    OPENED.clear()
    await engine.dispose()


OPENED: list[SqlUnitOfWorkFactory] = []


def factory_of(engine, *, read_path: bool = True) -> SqlUnitOfWorkFactory:  # type: ignore[no-untyped-def]
    """A factory the engine fixture closes (its read path keeps connections of its own)."""
    OPENED.append(SqlUnitOfWorkFactory(engine, read_path=read_path))
    return OPENED[-1]


def pid(n: int) -> str:
    return f"01P{n:023d}"


def a_profile(n: int) -> Profile:
    return Profile(
        id=pid(n),
        username=f"Reader_{n}",
        email=f"reader{n}@example.com",
        display_name=f"Reader {n}",
        bio="reads",
        created_at=NOW - timedelta(days=n),
        password_hash="$argon2id$fake",
        picture_key=f"{n:032x}.png" if n % 2 else None,
    )


async def seed_network(engine, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """Twelve profiles with a random follow graph, tweets at moments that often tie,
    retweets, likes and media: enough for pages to cut through ties and both arms."""
    uow = factory_of(engine, read_path=False)
    async with uow() as w:
        for n in range(1, 13):
            await w.profiles.add(a_profile(n))
        for follower in range(1, 13):
            for followee in rng.sample(range(1, 13), rng.randint(0, 8)):
                if followee != follower:
                    await w.follows.add(Follow(pid(follower), pid(followee), NOW))
        for t in range(90):
            moment = NOW - timedelta(seconds=rng.randint(0, 40))  # many share a second
            tweet = Tweet(f"01T{t:023d}", pid(rng.randint(1, 12)), f"tweet {t}", moment)
            await w.tweets.add(tweet)
            if t % 7 == 0:
                await w.media.add(
                    Media(
                        f"01M{t:023d}",
                        tweet.author_id,
                        f"{t:032x}.jpg",
                        "image/jpeg",
                        4,
                        3,
                        100 + t,
                        moment,
                        tweet.id,
                        0,
                    )
                )
        for r in range(30):
            moment = NOW - timedelta(seconds=rng.randint(0, 40))
            retweet = Retweet(
                f"01R{r:023d}", pid(rng.randint(1, 12)), f"01T{rng.randrange(90):023d}", moment
            )
            await w.retweets.add(retweet)
            await w.likes.add(Like(retweet.profile_id, retweet.tweet_id, moment))
        await w.commit()


async def walk(fetch, limit: int) -> list[EntryRow]:  # type: ignore[no-untyped-def]
    seen: list[EntryRow] = []
    after = None
    while True:
        rows = await fetch(PageRequest(limit=limit, after=after))
        seen += rows[:limit]
        if len(rows) <= limit:
            return seen
        after = Cursor(rows[limit - 1].at, rows[limit - 1].key)


async def every_timeline(uow_factory) -> dict:  # type: ignore[no-untyped-def]
    found = {}
    async with uow_factory(read_only=True) as uow:
        for n in range(1, 13):
            for limit in (1, 4, 100):
                found["home", n, limit] = await walk(
                    lambda page, n=n: uow.timelines.home(pid(n), page), limit
                )
        # what a page's tweets and media read as right after the page (the read path
        # has them loaded by then)
        for n in range(1, 13):
            async with uow_factory(read_only=True) as page_uow:
                rows = await page_uow.timelines.home(pid(n), PageRequest(limit=100))
                ids = [row.tweet_id for row in rows]
                found["tweets", n] = await page_uow.tweets.get_many(ids)
                found["media", n] = await page_uow.media.for_tweets(ids)
                for include in (True, False):
                    found["profile", n, limit, include] = await walk(
                        lambda page, n=n, include=include: uow.timelines.of_profile(
                            pid(n), page, include_retweets=include
                        ),
                        limit,
                    )
    return found


async def test_both_timeline_shapes_answer_what_sqlalchemy_answers(engine) -> None:
    await seed_network(engine, random.Random(5))
    expected = await every_timeline(factory_of(engine, read_path=False))
    assert sum(len(rows) for rows in expected.values()) > 1000  # the data set is not trivial
    assert any(expected["media", n] for n in range(1, 13))  # pages with media

    for shape in TimelineShape:
        reads = read_path_for(engine, ForcedPlanner(shape))
        assert reads is not None
        assert await every_timeline(lambda read_only, reads=reads: reads()) == expected
        await reads.close()


async def test_the_hot_reads_answer_what_sqlalchemy_answers(engine) -> None:
    await seed_network(engine, random.Random(6))
    tweet_ids = [f"01T{t:023d}" for t in range(0, 95, 3)]  # a few unknown ones too
    profile_ids = [pid(n) for n in range(0, 14)]

    async def everything(uow_factory):  # type: ignore[no-untyped-def]
        async with uow_factory(read_only=True) as uow:
            return [
                await uow.tweets.get(tweet_ids[1]),
                await uow.tweets.get("nope"),
                await uow.tweets.get_many(tweet_ids),
                await uow.profiles.get(pid(3)),
                await uow.profiles.get_by_username("READER_4"),
                await uow.profiles.get_by_username("nobody"),
                await uow.profiles.get_many(profile_ids),
                await uow.media.for_tweets(tweet_ids),
                {n: await uow.likes.liked_among(pid(n), tweet_ids) for n in range(1, 13)},
                {n: await uow.retweets.retweeted_among(pid(n), tweet_ids) for n in range(1, 13)},
                {n: await uow.follows.followed_among(pid(n), profile_ids) for n in range(1, 13)},
                await uow.likes.liked_among(pid(1), []),
                await uow.tweets.get_many([]),
                # a viewer's flags asked the way views ask them: likes, then retweets
                [
                    (
                        await uow.likes.liked_among(pid(n), tweet_ids),
                        await uow.retweets.retweeted_among(pid(n), tweet_ids[:5]),
                        await uow.retweets.retweeted_among(pid(n + 1), tweet_ids),
                    )
                    for n in range(1, 12)
                ],
                await uow.tweets.get(tweet_ids[1]),  # loaded already, same answer
                await uow.profiles.get(pid(5)),
            ]

    plain = await everything(factory_of(engine, read_path=False))
    fast = await everything(factory_of(engine))

    assert fast == plain
    assert plain[4] is not None and plain[4].username == "Reader_4"
    assert any(plain[7].values())  # some media were found and compared


async def test_id_lists_of_every_length_answer_what_sqlalchemy_answers(engine) -> None:
    """SQLite binds short lists one id per placeholder, in a few sizes with the last id
    repeated, and longer ones as JSON: each side of every size answers the same."""
    await seed_network(engine, random.Random(8))
    lengths = [1, 2, 7, 8, 9, 16, 17, 32, 33, 63, 64, 65, 100]

    async def lists(uow_factory):  # type: ignore[no-untyped-def]
        async with uow_factory(read_only=True) as uow:
            answers = []
            for length in lengths:
                # known ids among unknown ones, some named twice
                profiles = [pid(1 + n % 15) for n in range(length)]
                tweets = [f"01T{(n * 7) % 97:023d}" for n in range(length)]
                answers.append(await uow.profiles.get_many(profiles))
                answers.append({n: await uow.likes.liked_among(pid(n), tweets) for n in (1, 5)})
            return answers

    plain = await lists(factory_of(engine, read_path=False))
    fast = await lists(factory_of(engine))

    assert fast == plain
    assert all(plain[0::2]) and any(any(liked.values()) for liked in plain[1::2])


async def test_a_revoked_token_reads_as_revoked_at_once(engine) -> None:
    uow = factory_of(engine)
    token = AccessToken("d" * 64, pid(1), NOW, NOW + timedelta(days=1))
    async with uow() as w:
        await w.profiles.add(a_profile(1))
        await w.tokens.add(token)
        await w.commit()
    async with uow(read_only=True) as r:
        assert await r.tokens.get(token.digest) == token

    async with uow() as w:
        await w.tokens.revoke(token.digest)
        await w.commit()

    async with uow(read_only=True) as r:
        stored = await r.tokens.get(token.digest)
        assert await r.tokens.get("unknown") is None
    assert stored is not None and stored.revoked and not stored.is_active(NOW)


async def test_rare_reads_fall_back_to_sqlalchemy_on_the_same_connection(engine) -> None:
    await seed_network(engine, random.Random(7))
    async with factory_of(engine)(read_only=True) as r:
        likers = await r.likes.of_tweet("01T00000000000000000000000", PageRequest(limit=100))
        following = await r.follows.following(pid(2), PageRequest(limit=100))
        unread = await r.notifications.unread_count(pid(2))
    async with factory_of(engine, read_path=False)(read_only=True) as r:
        assert likers == await r.likes.of_tweet(
            "01T00000000000000000000000", PageRequest(limit=100)
        )
        assert following == await r.follows.following(pid(2), PageRequest(limit=100))
    assert unread == 0


async def test_a_sqlite_read_is_one_snapshot_and_writes_nothing(engine, database_url) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL reads run under READ COMMITTED, like its SQLAlchemy reads")
    uow = factory_of(engine)
    async with uow() as w:
        await w.profiles.add(a_profile(1))
        await w.commit()
    async with uow(read_only=True) as r:
        before = await r.profiles.get_many([pid(1), pid(2)])
        async with uow() as w:
            await w.profiles.add(a_profile(2))
            await w.commit()
        during = await r.profiles.get_many([pid(1), pid(2)])
        with pytest.raises(Exception, match="readonly"):
            await r.profiles.add(a_profile(3))
    async with uow(read_only=True) as r:
        after = await r.profiles.get_many([pid(1), pid(2)])
    assert (len(before), len(during), len(after)) == (1, 1, 2)


async def test_sqlite_reads_that_overlap_get_their_own_connections(engine, database_url) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite only: PostgreSQL reads take theirs from asyncpg's pool")
    reads = SqliteReadPath(engine.url.database)
    async with factory_of(engine, read_path=False)() as w:
        await w.profiles.add(a_profile(1))
        await w.commit()
    async with reads() as outer, reads() as inner:  # as when a read awaits real I/O mid-way
        assert await inner.profiles.get(pid(1)) == await outer.profiles.get(pid(1))
    assert reads.idle_connections == 2
    async with reads() as again:
        assert await again.profiles.get(pid(1)) is not None
    assert reads.idle_connections == 2
    await reads.close()
    assert reads.idle_connections == 0
