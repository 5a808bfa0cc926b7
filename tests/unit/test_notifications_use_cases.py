"""Listing, counting and marking notifications, on the in-memory adapters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from application.pagination import PageRequest
from domain.errors import NotFound
from domain.notification import NotificationKind
from tests.support.social import Social


@pytest.fixture
def social(clock) -> Social:
    return Social(MemoryUnitOfWorkFactory(), clock)


async def kinds(social: Social, recipient: str, *, unread_only: bool = False) -> list[str]:
    page = await social.notifications(recipient, PageRequest(), unread_only=unread_only)
    return [n.message for n in page.items]


async def test_likes_retweets_and_follows_notify_newest_first_with_the_tweet(social, clock):
    ann = await social.register("ann")
    bob = await social.register("bob")
    tweet = await social.tweet(ann, "hello")
    for act in (social.like, social.retweet):
        clock.advance(timedelta(seconds=1))
        await act(tweet.tweet.id, bob)
    clock.advance(timedelta(seconds=1))
    await social.follow(bob, "ann")
    page = await social.notifications(ann, PageRequest())
    assert [n.message for n in page.items] == [
        "bob followed you",
        "bob retweeted your tweet",
        "bob liked your tweet",
    ]
    assert all(n.actor.id == bob and not n.notification.read for n in page.items)
    follow, retweet, like = page.items
    assert follow.tweet is None
    assert retweet.tweet is not None and like.tweet is not None
    assert like.tweet.tweet.id == tweet.tweet.id
    # The tweet is seen by the recipient: counts as stored, flags as the recipient's.
    assert (like.tweet.tweet.like_count, like.tweet.tweet.retweet_count) == (1, 1)
    assert like.tweet.liked_by_me is False
    assert like.tweet.author.username == "ann"
    assert page.next_cursor is None


async def test_acting_on_your_own_tweet_notifies_nobody(social):
    ann = await social.register("ann")
    tweet = await social.tweet(ann, "mine")
    await social.like(tweet.tweet.id, ann)
    await social.retweet(tweet.tweet.id, ann)
    assert await kinds(social, ann) == []
    assert await social.unread_count(ann) == 0


async def test_like_unlike_like_leaves_exactly_one_notification(social):
    ann = await social.register("ann")
    bob = await social.register("bob")
    tweet = await social.tweet(ann, "hello")
    await social.like(tweet.tweet.id, bob)
    await social.unlike(tweet.tweet.id, bob)
    assert await kinds(social, ann) == []
    await social.like(tweet.tweet.id, bob)
    await social.like(tweet.tweet.id, bob)
    assert await kinds(social, ann) == ["bob liked your tweet"]


async def test_undoing_a_retweet_removes_its_notification_only(social):
    ann = await social.register("ann")
    bob = await social.register("bob")
    tweet = await social.tweet(ann, "hello")
    await social.like(tweet.tweet.id, bob)
    await social.retweet(tweet.tweet.id, bob)
    await social.undo_retweet(tweet.tweet.id, bob)
    assert await kinds(social, ann) == ["bob liked your tweet"]


async def test_a_deleted_tweet_takes_its_notifications_with_it(social):
    ann = await social.register("ann")
    bob = await social.register("bob")
    doomed = await social.tweet(ann, "doomed")
    kept = await social.tweet(ann, "kept")
    await social.like(doomed.tweet.id, bob)
    await social.retweet(doomed.tweet.id, bob)
    await social.like(kept.tweet.id, bob)
    await social.delete_tweet(doomed.tweet.id, ann)
    page = await social.notifications(ann, PageRequest())
    assert [n.tweet.tweet.id for n in page.items if n.tweet] == [kept.tweet.id]
    assert await social.unread_count(ann) == 1


async def test_marking_read_up_to_one_reads_it_and_every_older_one(social, clock):
    ann = await social.register("ann")
    fans = []
    for n in range(4):
        clock.advance(timedelta(seconds=1))
        fans.append(await social.register(f"fan{n}"))
        await social.follow(fans[-1], "ann")
    newest_first = (await social.notifications(ann, PageRequest())).items
    await social.mark_read(ann, newest_first[2].notification.id)
    assert await social.unread_count(ann) == 2
    assert await kinds(social, ann, unread_only=True) == ["fan3 followed you", "fan2 followed you"]
    everything = (await social.notifications(ann, PageRequest())).items
    assert [n.notification.read for n in everything] == [False, False, True, True]


async def test_marking_all_read_reads_only_your_own(social):
    ann = await social.register("ann")
    bob = await social.register("bob")
    await social.follow(ann, "bob")
    await social.follow(bob, "ann")
    await social.mark_read(ann)
    assert await social.unread_count(ann) == 0
    assert await social.unread_count(bob) == 1
    assert await kinds(social, ann, unread_only=True) == []


async def test_marking_up_to_an_unknown_or_someone_elses_notification_is_not_found(social):
    ann = await social.register("ann")
    bob = await social.register("bob")
    await social.follow(ann, "bob")
    bobs = (await social.notifications(bob, PageRequest())).items[0].notification.id
    for up_to in ("no-such-id", bobs):
        with pytest.raises(NotFound):
            await social.mark_read(ann, up_to)
    assert await social.unread_count(bob) == 1


async def test_notification_pages_walk_without_skips_or_repeats(social, clock):
    ann = await social.register("ann")
    names = [f"fan{n}" for n in range(7)]
    for name in names:
        clock.advance(timedelta(seconds=1))
        await social.follow(await social.register(name), "ann")
    seen: list[str] = []
    page = await social.notifications(ann, PageRequest(limit=3))
    while True:
        assert len(page.items) <= 3
        seen += [n.actor.username for n in page.items]
        if page.next_cursor is None:
            break
        clock.advance(timedelta(seconds=1))
        await social.follow(await social.register(f"late{len(seen)}"), "ann")
        page = await social.notifications(ann, PageRequest.parse(3, page.next_cursor))
    assert seen == list(reversed(names))


async def test_unread_only_lists_skip_the_read_ones(social, clock):
    ann = await social.register("ann")
    tweet = await social.tweet(ann, "hi")
    for n in range(3):
        clock.advance(timedelta(seconds=1))
        await social.like(tweet.tweet.id, await social.register(f"liker{n}"))
    oldest = (await social.notifications(ann, PageRequest())).items[-1].notification
    await social.mark_read(ann, oldest.id)
    unread = await social.notifications(ann, PageRequest(limit=1), unread_only=True)
    assert [n.actor.username for n in unread.items] == ["liker2"]
    rest = await social.notifications(
        ann, PageRequest.parse(1, unread.next_cursor), unread_only=True
    )
    assert [n.actor.username for n in rest.items] == ["liker1"]
    assert rest.next_cursor is None
    assert all(n.notification.kind is NotificationKind.LIKE for n in unread.items + rest.items)
