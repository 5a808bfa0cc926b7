"""Following and unfollowing a profile. Both are idempotent: the counts and the
notification move only when a follow row is really added or removed (application.acting
holds those rules; storage runs each act as one call, which is the whole transaction
and commits it)."""

from __future__ import annotations

from application.accounts.views import ProfileView
from application.ports.acts import FollowAct
from application.ports.system import Clock, IdGenerator
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import NotFound
from domain.follow import Follow


class FollowProfile:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow, self._clock, self._ids = uow, clock, ids

    @retry_on_conflict
    async def __call__(self, follower_id: str, username: str) -> ProfileView:
        now = self._clock.now()
        act = FollowAct(follower_id, username, now, notification_id=self._ids.new_id())
        async with self._uow() as uow:
            followee = await uow.acts.follow(act)  # the whole transaction, committed
        if followee is None:
            raise NotFound("profile")
        # Storage wrote nothing for one's own name; the domain says why it is refused.
        Follow.start(follower_id=follower_id, followee_id=followee.id, created_at=now)
        return ProfileView(profile=followee, followed_by_me=True)


class UnfollowProfile:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    @retry_on_conflict
    async def __call__(self, follower_id: str, username: str) -> ProfileView:
        async with self._uow() as uow:
            followee = await uow.acts.unfollow(follower_id, username)
        if followee is None:
            raise NotFound("profile")
        return ProfileView(profile=followee, followed_by_me=False)
