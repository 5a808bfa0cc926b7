"""Many people answering one tweet at once, through the real SQL adapters: the reply
count stays exact (`count = count + 1` in storage), also while replies are deleted."""

from __future__ import annotations

import asyncio

import pytest

from adapters.media.memory_store import MemoryMediaStore
from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.pagination import PageRequest
from application.tweets.compose import CreateTweet
from application.tweets.delete import DeleteTweet
from tests.integration.test_concurrent_acts import AUTHOR, NOW, TWEET, seed

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)


async def reply_rows(uow_factory) -> tuple[int, int, int]:
    """The stored reply_count, the reply rows and the author's notifications."""
    async with uow_factory(read_only=True) as uow:
        tweet = await uow.tweets.get(TWEET)
        replies = await uow.threads.replies(TWEET, PageRequest(limit=100))
        notes = await uow.notifications.of_recipient(AUTHOR, PageRequest(limit=100))
    assert tweet is not None
    return tweet.reply_count, len(replies), len(notes)


async def test_fifty_concurrent_replies_make_reply_count_fifty(uow_factory):
    fans = await seed(uow_factory, 50)
    create = CreateTweet(uow_factory, FixedClock(NOW), UlidGenerator())
    views = await asyncio.gather(
        *(create(fan, "@author agreed", in_reply_to_id=TWEET) for fan in fans)
    )
    assert all(view.tweet.in_reply_to_id == TWEET for view in views)
    # One notification each: the reply, not also a mention of the answered author.
    assert await reply_rows(uow_factory) == (50, 50, 50)


async def test_replies_and_deletes_at_once_leave_the_count_equal_to_the_rows(uow_factory):
    fans = await seed(uow_factory, 20)
    create = CreateTweet(uow_factory, FixedClock(NOW), UlidGenerator())
    delete = DeleteTweet(uow_factory, MemoryMediaStore())
    first = [await create(fan, "first", in_reply_to_id=TWEET) for fan in fans[:10]]
    await asyncio.gather(
        *(delete(view.tweet.id, view.tweet.author_id) for view in first),
        *(create(fan, "second", in_reply_to_id=TWEET) for fan in fans[10:]),
    )
    assert await reply_rows(uow_factory) == (10, 10, 10)
