"""The repository behaviour suite for tweets, likes, retweets and timelines, run on
every storage backend."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from application.pagination import Cursor, PageRequest
from application.ports.social import EntryRow
from application.ports.unit_of_work import TransientConflict
from domain.follow import Follow
from domain.tweet import Like, Retweet, Tweet
from tests.conftest import BACKENDS
from tests.support.builders import NOW, a_profile, pid

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)


def at(seconds: int) -> datetime:
    return NOW + timedelta(seconds=seconds)


def tid(n: int) -> str:
    return f"01T{n:023d}"


def rid(n: int) -> str:
    return f"01R{n:023d}"


def a_tweet(n: int, author: int = 1, seconds: int | None = None) -> Tweet:
    return Tweet(
        id=tid(n),
        author_id=pid(author),
        text=f"tweet {n}",
        created_at=at(n if seconds is None else seconds),
    )


async def seed(uow_factory, *, profiles=(1, 2, 3), tweets=(), follows=()) -> None:
    async with uow_factory() as uow:
        for n in profiles:
            await uow.profiles.add(a_profile(n))
        for tweet in tweets:
            await uow.tweets.add(tweet)
        for follower, followee in follows:
            await uow.follows.add(Follow(pid(follower), pid(followee), NOW))
        await uow.commit()


async def walk(fetch, limit: int, position) -> list:
    """Every row of a list, page by page, the way a client follows next_cursor."""
    seen, after = [], None
    while True:
        page = PageRequest(limit=limit, after=after)
        rows = await fetch(page)
        assert len(rows) <= page.fetch
        seen += rows[:limit]
        if len(rows) <= limit:
            return seen
        after = position(rows[limit - 1])


def entry_position(row: EntryRow) -> Cursor:
    return Cursor(row.at, row.key)


async def test_a_tweet_is_stored_found_and_removed(uow_factory):
    await seed(uow_factory, tweets=[a_tweet(1), a_tweet(2, author=2)])
    async with uow_factory(read_only=True) as uow:
        assert await uow.tweets.get(tid(1)) == a_tweet(1)
        found = await uow.tweets.get_many([tid(1), tid(2), "missing"])
        assert await uow.tweets.get("missing") is None
    assert found == {tid(1): a_tweet(1), tid(2): a_tweet(2, author=2)}
    async with uow_factory() as uow:
        await uow.tweets.remove(tid(1))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.tweets.get(tid(1)) is None
        assert await uow.tweets.get(tid(2)) is not None


async def test_a_tweet_not_committed_is_rolled_back(uow_factory):
    await seed(uow_factory)
    async with uow_factory() as uow:
        await uow.tweets.add(a_tweet(1))
    async with uow_factory(read_only=True) as uow:
        assert await uow.tweets.get(tid(1)) is None


async def test_counts_move_by_their_deltas_only(uow_factory):
    await seed(uow_factory, tweets=[a_tweet(1)])
    async with uow_factory() as uow:
        await uow.tweets.adjust_counts(tid(1), likes=3)
        await uow.tweets.adjust_counts(tid(1), likes=-1, retweets=2)
        await uow.tweets.adjust_counts(tid(1))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        tweet = await uow.tweets.get(tid(1))
    assert tweet is not None
    assert (tweet.like_count, tweet.retweet_count, tweet.text) == (2, 2, "tweet 1")


async def test_a_like_is_added_once_and_removed_once(uow_factory):
    await seed(uow_factory, tweets=[a_tweet(1)])
    async with uow_factory() as uow:
        first = await uow.likes.add(Like(pid(2), tid(1), at(10)))
        second = await uow.likes.add(Like(pid(2), tid(1), at(20)))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        stored = await uow.likes.of_tweet(tid(1), PageRequest())
    assert (first, second) == (True, False)
    assert stored == [Like(pid(2), tid(1), at(10))]
    async with uow_factory() as uow:
        removed = await uow.likes.remove(pid(2), tid(1))
        again = await uow.likes.remove(pid(2), tid(1))
        await uow.commit()
    assert (removed, again) == (True, False)
    async with uow_factory(read_only=True) as uow:
        assert await uow.likes.of_tweet(tid(1), PageRequest()) == []


async def test_liked_among_names_only_the_viewers_likes(uow_factory):
    await seed(uow_factory, tweets=[a_tweet(1), a_tweet(2), a_tweet(3)])
    async with uow_factory() as uow:
        await uow.likes.add(Like(pid(2), tid(1), at(10)))
        await uow.likes.add(Like(pid(2), tid(3), at(11)))
        await uow.likes.add(Like(pid(3), tid(2), at(12)))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        mine = await uow.likes.liked_among(pid(2), [tid(1), tid(2), tid(3), "missing"])
        none = await uow.likes.liked_among(pid(2), [])
    assert (mine, none) == ({tid(1), tid(3)}, set())


async def test_likes_of_a_tweet_and_by_a_profile_come_newest_first_across_pages(uow_factory):
    tweets = [a_tweet(n) for n in range(1, 6)]
    await seed(uow_factory, profiles=range(1, 7), tweets=tweets)
    async with uow_factory() as uow:
        for n in range(2, 7):  # five people like tweet 1, two at the same instant
            await uow.likes.add(Like(pid(n), tid(1), at(100 + min(n, 5))))
        for n in range(1, 6):  # person 2 likes every tweet, in reverse order
            if n != 1:
                await uow.likes.add(Like(pid(2), tid(n), at(200 - n)))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        likers = await walk(
            lambda page: uow.likes.of_tweet(tid(1), page),
            2,
            lambda like: Cursor(like.created_at, like.profile_id),
        )
        liked = await walk(
            lambda page: uow.likes.by_profile(pid(2), page),
            2,
            lambda like: Cursor(like.created_at, like.tweet_id),
        )
    assert [like.profile_id for like in likers] == [pid(6), pid(5), pid(4), pid(3), pid(2)]
    assert [like.tweet_id for like in liked] == [tid(2), tid(3), tid(4), tid(5), tid(1)]


async def test_removing_a_tweets_likes_and_retweets_returns_them_and_keeps_others(uow_factory):
    await seed(uow_factory, tweets=[a_tweet(1), a_tweet(2)])
    async with uow_factory() as uow:
        await uow.likes.add(Like(pid(2), tid(1), at(10)))
        await uow.likes.add(Like(pid(2), tid(2), at(11)))
        await uow.retweets.add(Retweet(rid(1), pid(3), tid(1), at(12)))
        await uow.retweets.add(Retweet(rid(2), pid(3), tid(2), at(13)))
        await uow.commit()
    async with uow_factory() as uow:
        likes_gone = await uow.likes.remove_of_tweet(tid(1))
        retweets_gone = await uow.retweets.remove_of_tweet(tid(1))
        await uow.commit()
    assert likes_gone == [Like(pid(2), tid(1), at(10))]
    assert retweets_gone == [Retweet(rid(1), pid(3), tid(1), at(12))]
    async with uow_factory(read_only=True) as uow:
        assert await uow.likes.liked_among(pid(2), [tid(1), tid(2)]) == {tid(2)}
        assert await uow.retweets.retweeted_among(pid(3), [tid(1), tid(2)]) == {tid(2)}


async def test_a_retweet_is_added_once_whatever_its_id_and_removed_once(uow_factory):
    await seed(uow_factory, tweets=[a_tweet(1)])
    async with uow_factory() as uow:
        first = await uow.retweets.add(Retweet(rid(1), pid(2), tid(1), at(10)))
        second = await uow.retweets.add(Retweet(rid(2), pid(2), tid(1), at(20)))
        await uow.commit()
    assert (first, second) == (True, False)
    async with uow_factory(read_only=True) as uow:
        assert await uow.retweets.of_tweet(tid(1), PageRequest()) == [
            Retweet(rid(1), pid(2), tid(1), at(10))
        ]
        assert await uow.retweets.retweeted_among(pid(2), [tid(1), "x"]) == {tid(1)}
    async with uow_factory() as uow:
        assert await uow.retweets.remove(pid(2), tid(1)) is True
        assert await uow.retweets.remove(pid(2), tid(1)) is False
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.retweets.retweeted_among(pid(2), [tid(1)]) == set()


async def test_retweets_of_a_tweet_come_newest_first_across_pages(uow_factory):
    await seed(uow_factory, profiles=range(1, 6), tweets=[a_tweet(1)])
    async with uow_factory() as uow:
        for n in range(2, 6):
            await uow.retweets.add(Retweet(rid(n), pid(n), tid(1), at(50)))  # one instant
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        rows = await walk(
            lambda page: uow.retweets.of_tweet(tid(1), page),
            3,
            lambda r: Cursor(r.created_at, r.id),
        )
    assert [r.id for r in rows] == [rid(5), rid(4), rid(3), rid(2)]


async def test_a_profiles_timeline_holds_its_tweets_and_optionally_its_retweets(uow_factory):
    tweets = [a_tweet(1, author=1), a_tweet(2, author=2), a_tweet(3, author=1)]
    await seed(uow_factory, tweets=tweets)
    async with uow_factory() as uow:
        await uow.retweets.add(Retweet(rid(1), pid(1), tid(2), at(5)))
        await uow.retweets.add(Retweet(rid(2), pid(3), tid(1), at(6)))  # someone else's
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        with_retweets = await uow.timelines.of_profile(pid(1), PageRequest(), include_retweets=True)
        without = await uow.timelines.of_profile(pid(1), PageRequest(), include_retweets=False)
    assert with_retweets == [
        EntryRow(tweet_id=tid(2), at=at(5), key=rid(1), retweeted_by_id=pid(1)),
        EntryRow(tweet_id=tid(3), at=at(3), key=tid(3)),
        EntryRow(tweet_id=tid(1), at=at(1), key=tid(1)),
    ]
    assert without == [
        EntryRow(tweet_id=tid(3), at=at(3), key=tid(3)),
        EntryRow(tweet_id=tid(1), at=at(1), key=tid(1)),
    ]


async def test_the_home_timeline_holds_own_and_followed_tweets_and_retweets_only(uow_factory):
    tweets = [a_tweet(1, author=1), a_tweet(2, author=2), a_tweet(3, author=3)]
    await seed(uow_factory, profiles=(1, 2, 3, 4), tweets=tweets, follows=[(1, 2), (3, 1)])
    async with uow_factory() as uow:
        await uow.retweets.add(Retweet(rid(1), pid(2), tid(3), at(10)))  # followed retweets
        await uow.retweets.add(Retweet(rid(2), pid(4), tid(1), at(11)))  # stranger retweets
        await uow.retweets.add(Retweet(rid(3), pid(1), tid(3), at(12)))  # own retweet
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        home = await uow.timelines.home(pid(1), PageRequest())
        lonely = await uow.timelines.home(pid(4), PageRequest())
    assert home == [
        EntryRow(tweet_id=tid(3), at=at(12), key=rid(3), retweeted_by_id=pid(1)),
        EntryRow(tweet_id=tid(3), at=at(10), key=rid(1), retweeted_by_id=pid(2)),
        EntryRow(tweet_id=tid(2), at=at(2), key=tid(2)),
        EntryRow(tweet_id=tid(1), at=at(1), key=tid(1)),
    ]
    assert lonely == [EntryRow(tweet_id=tid(1), at=at(11), key=rid(2), retweeted_by_id=pid(4))]


async def test_timeline_pages_neither_skip_nor_repeat_when_rows_arrive_between_them(
    uow_factory,
):
    # Tweets and retweets share instants, so the key decides the order within one.
    tweets = [a_tweet(n, author=1 + n % 2, seconds=n // 2) for n in range(1, 13)]
    await seed(uow_factory, tweets=tweets, follows=[(1, 2)])
    async with uow_factory() as uow:
        for n in range(1, 5):
            await uow.retweets.add(Retweet(rid(n), pid(1 + n % 2), tid(n + 6), at(n)))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        expected = await uow.timelines.home(pid(1), PageRequest(limit=100))
    seen: list[EntryRow] = []
    after = None
    extra = 100
    while True:
        page = PageRequest(limit=3, after=after)
        async with uow_factory(read_only=True) as uow:
            rows = await uow.timelines.home(pid(1), page)
        seen += rows[: page.limit]
        if len(rows) <= page.limit:
            break
        after = entry_position(rows[page.limit - 1])
        async with uow_factory() as uow:  # newer than anything listed: must not show up
            extra += 1
            await uow.tweets.add(a_tweet(extra, author=2, seconds=1000 + extra))
            await uow.commit()
    assert len(expected) == 16
    assert seen == expected
    positions = [(row.at, row.key) for row in seen]
    assert positions == sorted(positions, reverse=True)


async def test_a_profile_timeline_pages_follow_the_same_keyset(uow_factory):
    tweets = [a_tweet(n, author=1, seconds=n // 3) for n in range(1, 10)]
    await seed(uow_factory, tweets=tweets)
    async with uow_factory() as uow:
        await uow.retweets.add(Retweet(rid(1), pid(1), tid(1), at(2)))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        for include in (True, False):
            rows = await walk(
                lambda page, include=include: uow.timelines.of_profile(
                    pid(1), page, include_retweets=include
                ),
                2,
                entry_position,
            )
            everything = await uow.timelines.of_profile(
                pid(1), PageRequest(limit=100), include_retweets=include
            )
            assert rows == everything
            assert len(rows) == (10 if include else 9)


async def test_removing_a_tweet_says_whether_it_was_there(uow_factory):
    await seed(uow_factory, tweets=[a_tweet(1)])
    async with uow_factory() as uow:
        first = await uow.tweets.remove(tid(1))
        second = await uow.tweets.remove(tid(1))
        await uow.commit()
    assert (first, second) == (True, False)


@pytest.mark.parametrize("act", ["like", "retweet"])
async def test_acting_on_a_tweet_that_vanished_is_a_conflict_worth_retrying(
    uow_factory, database_url, act
):
    if database_url == "memory://":
        pytest.skip("the memory adapter serialises whole transactions: no such race")
    await seed(uow_factory)
    record = {
        "like": lambda uow: uow.likes.add(Like(pid(2), "gone", at(1))),
        "retweet": lambda uow: uow.retweets.add(Retweet(rid(1), pid(2), "gone", at(1))),
    }[act]
    with pytest.raises(TransientConflict):
        async with uow_factory() as uow:
            await record(uow)
            await uow.commit()
