"""Following and unfollowing a profile. Both are idempotent: the counts and the
notification move only when a follow row is really added or removed."""

from __future__ import annotations

from application.accounts.views import ProfileView
from application.ports.system import Clock, IdGenerator
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import NotFound
from domain.follow import Follow
from domain.notification import Notification, NotificationKind
from domain.profile import Profile


async def _profile_named(uow: UnitOfWork, username: str) -> Profile:
    profile = await uow.profiles.get_by_username(username)
    if profile is None:
        raise NotFound("profile")
    return profile


async def _move_counts(uow: UnitOfWork, follower_id: str, followee_id: str, delta: int) -> None:
    # Both rows are updated in id order, so two people following each other at the same
    # moment lock them in the same order and cannot deadlock.
    changes = {follower_id: {"following": delta}, followee_id: {"followers": delta}}
    for profile_id in sorted(changes):
        await uow.profiles.adjust_counts(profile_id, **changes[profile_id])


async def _reread(uow: UnitOfWork, profile: Profile) -> Profile:
    """The profile after its counts moved, as storage now holds it."""
    return await uow.profiles.get(profile.id) or profile


class FollowProfile:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow, self._clock, self._ids = uow, clock, ids

    @retry_on_conflict
    async def __call__(self, follower_id: str, username: str) -> ProfileView:
        now = self._clock.now()
        async with self._uow() as uow:
            followee = await _profile_named(uow, username)
            follow = Follow.start(follower_id=follower_id, followee_id=followee.id, created_at=now)
            if await uow.follows.add(follow):
                await _move_counts(uow, follower_id, followee.id, +1)
                notification = Notification.about(
                    id=self._ids.new_id(),
                    recipient_id=followee.id,
                    kind=NotificationKind.FOLLOW,
                    actor_id=follower_id,
                    tweet_id=None,
                    created_at=now,
                )
                if notification is not None:
                    await uow.notifications.add(notification)
            followee = await _reread(uow, followee)
            await uow.commit()
        return ProfileView(profile=followee, followed_by_me=True)


class UnfollowProfile:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    @retry_on_conflict
    async def __call__(self, follower_id: str, username: str) -> ProfileView:
        async with self._uow() as uow:
            followee = await _profile_named(uow, username)
            if await uow.follows.remove(follower_id, followee.id):
                await _move_counts(uow, follower_id, followee.id, -1)
                await uow.notifications.remove_about(
                    kind=NotificationKind.FOLLOW,
                    actor_id=follower_id,
                    recipient_id=followee.id,
                    tweet_id=None,
                )
            followee = await _reread(uow, followee)
            await uow.commit()
        return ProfileView(profile=followee, followed_by_me=False)
