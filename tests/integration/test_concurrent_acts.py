"""Many requests acting on one tweet at once, through the real SQL adapters: counts stay
exact and no storage conflict reaches the caller (SQLite serialises writers with
BEGIN IMMEDIATE and a busy timeout; transient conflicts are retried)."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime

import pytest

from adapters.media.memory_store import MemoryMediaStore
from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.pagination import PageRequest
from application.tweets.acts import LikeTweet, RetweetTweet, UndoRetweet, UnlikeTweet
from application.tweets.delete import DeleteTweet
from domain.errors import NotFound
from domain.profile import Profile
from domain.tweet import Tweet

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)

NOW = datetime(2026, 5, 1, tzinfo=UTC)
AUTHOR = "01AUTHOR000000000000000000"
TWEET = "01TWEET0000000000000000000"


def a_profile(profile_id: str, username: str) -> Profile:
    return Profile(
        id=profile_id,
        username=username,
        email=f"{profile_id.lower()}@example.com",
        display_name="someone",
        bio="",
        created_at=NOW,
        password_hash="$argon2id$fake",
    )


async def seed(uow_factory, people: int) -> list[str]:
    ids = [f"01FAN{n:021d}" for n in range(people)]
    async with uow_factory() as uow:
        await uow.profiles.add(a_profile(AUTHOR, "author"))
        for n, profile_id in enumerate(ids):
            await uow.profiles.add(a_profile(profile_id, f"fan_{n}"))
        await uow.tweets.add(Tweet(id=TWEET, author_id=AUTHOR, text="popular", created_at=NOW))
        await uow.profiles.adjust_counts(AUTHOR, tweets=1)
        await uow.commit()
    return ids


async def stored(uow_factory) -> tuple[Tweet, int, int, int]:
    """The tweet, and the like, retweet and notification rows that exist for it."""
    async with uow_factory(read_only=True) as uow:
        tweet = await uow.tweets.get(TWEET)
        likes = await uow.likes.of_tweet(TWEET, PageRequest(limit=100))
        retweets = await uow.retweets.of_tweet(TWEET, PageRequest(limit=100))
        notes = await uow.notifications.of_recipient(AUTHOR, PageRequest(limit=100))
    assert tweet is not None
    return tweet, len(likes), len(retweets), len(notes)


async def test_fifty_people_liking_at_once_make_fifty_likes(uow_factory):
    fans = await seed(uow_factory, 50)
    like = LikeTweet(uow_factory, FixedClock(NOW), UlidGenerator())
    views = await asyncio.gather(*(like(TWEET, fan) for fan in fans))
    tweet, likes, _, notifications = await stored(uow_factory)
    assert (tweet.like_count, likes, notifications) == (50, 50, 50)
    assert all(view.liked_by_me for view in views)
    assert max(view.tweet.like_count for view in views) == 50


async def test_one_person_liking_twenty_times_at_once_makes_one_like(uow_factory):
    (fan,) = await seed(uow_factory, 1)
    like = LikeTweet(uow_factory, FixedClock(NOW), UlidGenerator())
    views = await asyncio.gather(*(like(TWEET, fan) for _ in range(20)))
    tweet, likes, _, notifications = await stored(uow_factory)
    assert (tweet.like_count, likes, notifications) == (1, 1, 1)
    assert {view.tweet.like_count for view in views} == {1}


async def test_a_storm_of_acts_and_undos_leaves_counts_equal_to_rows(uow_factory):
    fans = await seed(uow_factory, 12)
    clock, ids = FixedClock(NOW), UlidGenerator()
    acts = [
        LikeTweet(uow_factory, clock, ids),
        UnlikeTweet(uow_factory),
        RetweetTweet(uow_factory, clock, ids),
        UndoRetweet(uow_factory),
    ]
    chooser = random.Random(7)
    calls = [chooser.choice(acts)(TWEET, chooser.choice(fans)) for _ in range(80)]
    await asyncio.gather(*calls)
    tweet, likes, retweets, notifications = await stored(uow_factory)
    assert (tweet.like_count, tweet.retweet_count) == (likes, retweets)
    assert notifications == likes + retweets


async def test_deleting_while_others_like_and_retweet_leaves_nothing_behind(uow_factory):
    fans = await seed(uow_factory, 16)
    clock, ids = FixedClock(NOW), UlidGenerator()
    delete = DeleteTweet(uow_factory, MemoryMediaStore())
    like, retweet = LikeTweet(uow_factory, clock, ids), RetweetTweet(uow_factory, clock, ids)
    acts = [(like if n % 2 else retweet)(TWEET, fan) for n, fan in enumerate(fans)]
    deletes = [delete(TWEET, AUTHOR), delete(TWEET, AUTHOR)]
    results = await asyncio.gather(*deletes, *acts, return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    assert all(isinstance(f, NotFound) for f in failures), failures
    assert [isinstance(r, NotFound) for r in results[:2]].count(True) == 1
    async with uow_factory(read_only=True) as uow:
        author = await uow.profiles.get(AUTHOR)
        tweet = await uow.tweets.get(TWEET)
        likes = await uow.likes.by_profile(fans[1], PageRequest())
        notes = await uow.notifications.of_recipient(AUTHOR, PageRequest(limit=100))
    assert author is not None
    assert (author.tweets_count, tweet, likes, notes) == (0, None, [], [])
