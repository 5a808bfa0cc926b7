from __future__ import annotations

from application.accounts.views import ProfileView
from application.transaction import UnitOfWorkFactory
from domain.errors import NotFound


class GetProfile:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, username: str, viewer_id: str | None = None) -> ProfileView:
        async with self._uow(read_only=True) as uow:
            profile = await uow.profiles.get_by_username(username)
            if profile is None:
                raise NotFound("profile")
            followed = viewer_id is not None and bool(
                await uow.follows.followed_among(viewer_id, [profile.id])
            )
        return ProfileView(profile=profile, followed_by_me=followed)
