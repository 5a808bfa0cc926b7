"""The repository behaviour suite for follows and notifications, run on every backend."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from application.pagination import Cursor, PageRequest
from domain.follow import Follow
from domain.notification import Notification, NotificationKind
from domain.tweet import Tweet
from tests.conftest import BACKENDS
from tests.support.builders import NOW, a_profile, pid

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)


def a_notification(
    n: int,
    *,
    recipient: int = 1,
    actor: int = 2,
    kind: NotificationKind = NotificationKind.FOLLOW,
    tweet_id: str | None = None,
    at: datetime | None = None,
) -> Notification:
    return Notification(
        id=f"01N{n:023d}",
        recipient_id=pid(recipient),
        kind=kind,
        actor_id=pid(actor),
        tweet_id=tweet_id,
        created_at=at or NOW + timedelta(seconds=n),
    )


async def with_profiles(uow_factory, *numbers: int) -> None:
    async with uow_factory() as uow:
        for n in numbers:
            await uow.profiles.add(a_profile(n))
        await uow.commit()


async def walk(fetch, limit: int, position) -> list:
    """Every row of a list, page by page, as a client following next cursors would."""
    seen: list = []
    page = PageRequest(limit=limit)
    while True:
        rows = await fetch(page)
        assert len(rows) <= page.fetch
        seen.extend(rows[:limit])
        if len(rows) <= limit:
            return seen
        page = PageRequest(limit=limit, after=position(rows[limit - 1]))


# --- follows -------------------------------------------------------------------------


async def test_a_follow_is_added_once_and_removed_once(uow_factory):
    await with_profiles(uow_factory, 1, 2)
    follow = Follow(pid(1), pid(2), NOW)
    async with uow_factory() as uow:
        assert await uow.follows.add(follow) is True
        assert await uow.follows.add(Follow(pid(1), pid(2), NOW + timedelta(1))) is False
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.follows.followed_among(pid(1), [pid(2), pid(3), pid(1)]) == {pid(2)}
        assert await uow.follows.followed_among(pid(2), [pid(1)]) == set()
        assert await uow.follows.followers(pid(2), PageRequest()) == [follow]
        assert await uow.follows.remove(pid(1), pid(2)) is True
        assert await uow.follows.remove(pid(1), pid(2)) is False
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.follows.followed_among(pid(1), [pid(2)]) == set()
        assert await uow.follows.followed_among(pid(1), []) == set()


async def test_a_follow_not_committed_is_rolled_back(uow_factory):
    await with_profiles(uow_factory, 1, 2)
    async with uow_factory() as uow:
        await uow.follows.add(Follow(pid(1), pid(2), NOW))
    async with uow_factory(read_only=True) as uow:
        assert await uow.follows.following(pid(1), PageRequest()) == []


async def test_followers_and_following_come_newest_first_across_pages(uow_factory):
    await with_profiles(uow_factory, *range(1, 9))
    async with uow_factory() as uow:
        # Profiles 2..8 follow 1, two pairs at the same instant to exercise the key tie-break.
        moments = [NOW, NOW, NOW + timedelta(seconds=1), NOW + timedelta(seconds=2)] * 2
        for n, at in zip(range(2, 9), moments, strict=False):
            await uow.follows.add(Follow(pid(n), pid(1), at))
            await uow.follows.add(Follow(pid(1), pid(n), at))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        followers = await walk(
            lambda page: uow.follows.followers(pid(1), page),
            3,
            lambda f: Cursor(f.created_at, f.follower_id),
        )
        following = await walk(
            lambda page: uow.follows.following(pid(1), page),
            2,
            lambda f: Cursor(f.created_at, f.followee_id),
        )
        everything = await uow.follows.followers(pid(1), PageRequest(limit=100))
    expected = sorted(everything, key=lambda f: (f.created_at, f.follower_id), reverse=True)
    assert followers == expected
    assert [f.follower_id for f in followers] == [pid(n) for n in (5, 8, 4, 7, 6, 3, 2)]
    assert [f.followee_id for f in following] == [pid(n) for n in (5, 8, 4, 7, 6, 3, 2)]
    assert all(f.created_at.tzinfo is not None for f in followers)


async def test_a_page_is_cut_at_fetch_and_rows_added_later_do_not_shift_it(uow_factory):
    await with_profiles(uow_factory, 1, 2, 3, 4)
    async with uow_factory() as uow:
        for n in (2, 3, 4):
            await uow.follows.add(Follow(pid(n), pid(1), NOW + timedelta(seconds=n)))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        first = await uow.follows.followers(pid(1), PageRequest(limit=1))
    assert [f.follower_id for f in first] == [pid(4), pid(3)]
    async with uow_factory() as uow:
        await uow.profiles.add(a_profile(5))
        await uow.follows.add(Follow(pid(5), pid(1), NOW + timedelta(seconds=60)))
        await uow.commit()
    after = Cursor(first[0].created_at, first[0].follower_id)
    async with uow_factory(read_only=True) as uow:
        rest = await uow.follows.followers(pid(1), PageRequest(limit=5, after=after))
    assert [f.follower_id for f in rest] == [pid(3), pid(2)]


# --- notifications -------------------------------------------------------------------


async def test_notifications_are_listed_newest_first_per_recipient(uow_factory):
    await with_profiles(uow_factory, 1, 2, 3)
    async with uow_factory() as uow:
        for n in range(1, 6):
            await uow.notifications.add(a_notification(n))
        await uow.notifications.add(a_notification(6, recipient=2, actor=1))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        listed = await walk(
            lambda page: uow.notifications.of_recipient(pid(1), page),
            2,
            lambda n: Cursor(n.created_at, n.id),
        )
        fetched = await uow.notifications.get(a_notification(3).id)
        missing = await uow.notifications.get("nope")
    assert listed == [a_notification(n) for n in (5, 4, 3, 2, 1)]
    assert fetched == a_notification(3)
    assert missing is None


async def test_marking_read_up_to_one_marks_it_and_every_older_one_of_that_recipient(
    uow_factory,
):
    await with_profiles(uow_factory, 1, 2)
    same_moment = NOW + timedelta(seconds=30)
    async with uow_factory() as uow:
        for n in range(1, 5):
            await uow.notifications.add(a_notification(n))
        # Same instant as the mark, larger id: newer in (created_at, id) order, stays unread.
        await uow.notifications.add(a_notification(7, at=same_moment))
        await uow.notifications.add(a_notification(8, at=same_moment))
        await uow.notifications.add(a_notification(9, recipient=2, actor=1))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.notifications.unread_count(pid(1)) == 6
        await uow.notifications.mark_read(pid(1), a_notification(7, at=same_moment))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        unread = await uow.notifications.of_recipient(pid(1), PageRequest(), unread_only=True)
        everything = await uow.notifications.of_recipient(pid(1), PageRequest())
        assert await uow.notifications.unread_count(pid(1)) == 1
        assert await uow.notifications.unread_count(pid(2)) == 1
    assert [n.id for n in unread] == [a_notification(8).id]
    assert {n.id: n.read for n in everything} == {
        a_notification(n).id: n != 8 for n in (1, 2, 3, 4, 7, 8)
    }


async def test_marking_all_read_leaves_other_recipients_alone(uow_factory):
    await with_profiles(uow_factory, 1, 2)
    async with uow_factory() as uow:
        await uow.notifications.add(a_notification(1))
        await uow.notifications.add(a_notification(2))
        await uow.notifications.add(a_notification(3, recipient=2, actor=1))
        await uow.notifications.mark_read(pid(1), None)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.notifications.unread_count(pid(1)) == 0
        assert await uow.notifications.unread_count(pid(2)) == 1
        assert await uow.notifications.of_recipient(pid(1), PageRequest(), unread_only=True) == []
        stored = await uow.notifications.get(a_notification(1).id)
    assert stored is not None and stored.read


async def test_unread_only_pages_skip_read_notifications(uow_factory):
    await with_profiles(uow_factory, 1, 2)
    async with uow_factory() as uow:
        for n in range(1, 7):
            await uow.notifications.add(a_notification(n))
        await uow.notifications.mark_read(pid(1), a_notification(2))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        unread = await walk(
            lambda page: uow.notifications.of_recipient(pid(1), page, unread_only=True),
            1,
            lambda n: Cursor(n.created_at, n.id),
        )
    assert [n.id for n in unread] == [a_notification(n).id for n in (6, 5, 4, 3)]


async def test_undoing_an_act_removes_only_its_notification(uow_factory):
    await with_profiles(uow_factory, 1, 2, 3)
    tweet = Tweet(id="01T" + "0" * 23, author_id=pid(1), text="hi", created_at=NOW)
    like = NotificationKind.LIKE
    async with uow_factory() as uow:
        await uow.tweets.add(tweet)
        await uow.notifications.add(a_notification(1, kind=like, tweet_id=tweet.id))
        await uow.notifications.add(
            a_notification(2, kind=NotificationKind.RETWEET, tweet_id=tweet.id)
        )
        await uow.notifications.add(a_notification(3, actor=3, kind=like, tweet_id=tweet.id))
        await uow.notifications.add(a_notification(4))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.notifications.remove_about(
            kind=like, actor_id=pid(2), recipient_id=pid(1), tweet_id=tweet.id
        )
        await uow.notifications.remove_about(
            kind=NotificationKind.FOLLOW, actor_id=pid(2), recipient_id=pid(1), tweet_id=None
        )
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        left = await uow.notifications.of_recipient(pid(1), PageRequest())
    assert [n.id for n in left] == [a_notification(n).id for n in (3, 2)]


async def test_removing_a_tweets_notifications_keeps_the_others(uow_factory):
    await with_profiles(uow_factory, 1, 2)
    tweets = [Tweet(id=f"01T{n:023d}", author_id=pid(1), text="hi", created_at=NOW) for n in (1, 2)]
    like = NotificationKind.LIKE
    async with uow_factory() as uow:
        for tweet in tweets:
            await uow.tweets.add(tweet)
        await uow.notifications.add(a_notification(1, kind=like, tweet_id=tweets[0].id))
        await uow.notifications.add(a_notification(2, kind=like, tweet_id=tweets[1].id))
        await uow.notifications.add(a_notification(3))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.notifications.remove_of_tweet(tweets[0].id)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        left = await uow.notifications.of_recipient(pid(1), PageRequest())
    assert [n.id for n in left] == [a_notification(n).id for n in (3, 2)]
