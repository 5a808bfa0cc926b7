"""Many follows and unfollows at once, through the real SQL adapters: followers and
following counts stay equal to the follow rows, one notification per follow, and no
storage conflict reaches the caller."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime

import pytest

from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.follows.follow import FollowProfile, UnfollowProfile
from application.pagination import PageRequest
from domain.profile import Profile

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def a_profile(n: int) -> Profile:
    return Profile(
        id=f"01PERSON{n:018d}",
        username=f"person_{n}",
        email=f"person{n}@example.com",
        display_name="someone",
        bio="",
        created_at=NOW,
        password_hash="$argon2id$fake",
    )


async def seed(uow_factory, people: int) -> list[Profile]:
    profiles = [a_profile(n) for n in range(people)]
    async with uow_factory() as uow:
        for profile in profiles:
            await uow.profiles.add(profile)
        await uow.commit()
    return profiles


async def stored(uow_factory, profile: Profile) -> tuple[int, int, int, int, int]:
    """followers and following counts, the follow rows both ways, and notifications."""
    every = PageRequest(limit=100)
    async with uow_factory(read_only=True) as uow:
        fresh = await uow.profiles.get(profile.id)
        followers = await uow.follows.followers(profile.id, every)
        following = await uow.follows.following(profile.id, every)
        notes = await uow.notifications.of_recipient(profile.id, every)
    assert fresh is not None
    counts = (fresh.followers_count, fresh.following_count)
    return (*counts, len(followers), len(following), len(notes))


async def test_thirty_people_following_one_at_once_make_thirty_followers(uow_factory):
    star, *fans = await seed(uow_factory, 31)
    follow = FollowProfile(uow_factory, FixedClock(NOW), UlidGenerator())
    views = await asyncio.gather(*(follow(fan.id, star.username) for fan in fans))
    assert await stored(uow_factory, star) == (30, 0, 30, 0, 30)
    assert all(view.followed_by_me for view in views)
    assert max(view.profile.followers_count for view in views) == 30
    for fan in fans[:3]:
        assert await stored(uow_factory, fan) == (0, 1, 0, 1, 0)


async def test_one_person_following_twenty_times_at_once_follows_once(uow_factory):
    star, fan = await seed(uow_factory, 2)
    follow = FollowProfile(uow_factory, FixedClock(NOW), UlidGenerator())
    await asyncio.gather(*(follow(fan.id, star.username) for _ in range(20)))
    assert await stored(uow_factory, star) == (1, 0, 1, 0, 1)
    assert await stored(uow_factory, fan) == (0, 1, 0, 1, 0)


async def test_people_following_each_other_while_unfollowing_keep_exact_counts(uow_factory):
    people = await seed(uow_factory, 6)
    follow = FollowProfile(uow_factory, FixedClock(NOW), UlidGenerator())
    unfollow = UnfollowProfile(uow_factory)
    pairs = [(a, b) for a in people for b in people if a != b]
    acts = [follow(a.id, b.username) for a, b in pairs]
    acts += [unfollow(a.id, b.username) for a, b in random.Random(7).sample(pairs, 12)]
    random.Random(3).shuffle(acts)
    await asyncio.gather(*acts)
    for person in people:
        followers, following, follower_rows, following_rows, notes = await stored(
            uow_factory, person
        )
        assert (followers, following) == (follower_rows, following_rows)
        assert notes == follower_rows
