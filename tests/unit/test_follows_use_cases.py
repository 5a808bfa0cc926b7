"""Following, unfollowing and the follow lists, on the in-memory adapters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from application.pagination import PageRequest
from domain.errors import InvalidInput, NotFound
from domain.notification import NotificationKind
from tests.support.social import Social


@pytest.fixture
def social(clock) -> Social:
    return Social(MemoryUnitOfWorkFactory(), clock)


async def counts(social: Social, username: str) -> tuple[int, int]:
    view = await social.get_profile(username)
    return view.profile.followers_count, view.profile.following_count


async def test_following_counts_both_sides_and_answers_followed_by_me(social):
    ann = await social.register("ann")
    await social.register("bob")
    view = await social.follow(ann, "BOB")
    assert view.followed_by_me is True
    assert view.profile.username == "bob"
    assert view.profile.followers_count == 1
    assert await counts(social, "bob") == (1, 0)
    assert await counts(social, "ann") == (0, 1)


async def test_following_again_moves_no_count_and_sends_no_second_notification(social):
    ann = await social.register("ann")
    bob = await social.register("bob")
    await social.follow(ann, "bob")
    again = await social.follow(ann, "bob")
    assert again.profile.followers_count == 1
    assert await counts(social, "ann") == (0, 1)
    inbox = await social.notifications(bob, PageRequest())
    assert [(n.notification.kind, n.actor.id) for n in inbox.items] == [
        (NotificationKind.FOLLOW, ann)
    ]
    assert inbox.items[0].message == "ann followed you"
    assert inbox.items[0].tweet is None


async def test_unfollowing_undoes_counts_and_the_notification_and_is_idempotent(social):
    ann = await social.register("ann")
    bob = await social.register("bob")
    await social.follow(ann, "bob")
    first = await social.unfollow(ann, "bob")
    second = await social.unfollow(ann, "bob")
    assert first.followed_by_me is second.followed_by_me is False
    assert first.profile.followers_count == second.profile.followers_count == 0
    assert await counts(social, "ann") == (0, 0)
    assert await social.unread_count(bob) == 0


async def test_follow_unfollow_follow_leaves_exactly_one_notification(social):
    ann = await social.register("ann")
    bob = await social.register("bob")
    await social.follow(ann, "bob")
    await social.unfollow(ann, "bob")
    await social.follow(ann, "bob")
    assert await social.unread_count(bob) == 1
    assert await counts(social, "bob") == (1, 0)


async def test_nobody_follows_themselves_and_nothing_is_written(social):
    ann = await social.register("ann")
    with pytest.raises(InvalidInput) as raised:
        await social.follow(ann, "ANN")
    assert raised.value.problems[0].field == "username"
    assert await counts(social, "ann") == (0, 0)
    assert (await social.unfollow(ann, "ann")).followed_by_me is False


async def test_an_unknown_profile_is_not_found(social):
    ann = await social.register("ann")
    for act in (social.follow, social.unfollow):
        with pytest.raises(NotFound):
            await act(ann, "ghost")
    for listing in (social.followers, social.following):
        with pytest.raises(NotFound):
            await listing("ghost", PageRequest())


async def test_get_profile_shows_followed_by_me_to_followers_only(social):
    ann = await social.register("ann")
    bob = await social.register("bob")
    await social.follow(ann, "bob")
    assert (await social.get_profile("bob", ann)).followed_by_me is True
    assert (await social.get_profile("bob", bob)).followed_by_me is False
    assert (await social.get_profile("ann", bob)).followed_by_me is False
    assert (await social.get_profile("bob")).followed_by_me is False


async def test_follow_lists_are_newest_follow_first_across_pages(social, clock):
    star = await social.register("star")
    fans = [f"fan{n}" for n in range(5)]
    for name in fans:
        fan = await social.register(name)
        clock.advance(timedelta(seconds=1))
        await social.follow(fan, "star")
        await social.follow(star, name)
    for listing in (social.followers, social.following):
        seen: list[str] = []
        page = await listing("star", PageRequest(limit=2))
        seen += [p.username for p in page.items]
        while page.next_cursor:
            page = await listing("star", PageRequest.parse(2, page.next_cursor))
            seen += [p.username for p in page.items]
        assert seen == list(reversed(fans))


async def test_a_follow_made_between_pages_is_neither_skipped_nor_repeated(social, clock):
    await social.register("star")
    for name in ("a1", "a2", "a3"):
        clock.advance(timedelta(seconds=1))
        await social.follow(await social.register(name), "star")
    first = await social.followers("star", PageRequest(limit=2))
    clock.advance(timedelta(seconds=1))
    await social.follow(await social.register("late"), "star")
    rest = await social.followers("star", PageRequest.parse(2, first.next_cursor))
    assert [p.username for p in first.items + rest.items] == ["a3", "a2", "a1"]
    assert rest.next_cursor is None
