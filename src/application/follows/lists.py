"""Who follows a profile, and whom it follows: newest follow first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from application.pagination import Cursor, Page, PageRequest, page_of
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory
from domain.errors import NotFound
from domain.follow import Follow
from domain.profile import Profile

Fetch = Callable[[UnitOfWork, str, PageRequest], Awaitable[list[Follow]]]


async def _follow_page(
    uow_factory: UnitOfWorkFactory,
    username: str,
    page: PageRequest,
    fetch: Fetch,
    other_side: Callable[[Follow], str],
) -> Page[Profile]:
    async with uow_factory(read_only=True) as uow:
        profile = await uow.profiles.get_by_username(username)
        if profile is None:
            raise NotFound("profile")
        rows = await fetch(uow, profile.id, page)
        cut = page_of(rows, page, lambda f: Cursor(f.created_at, other_side(f)))
        found = await uow.profiles.get_many([other_side(f) for f in cut.items])
    profiles = [found[other_side(f)] for f in cut.items if other_side(f) in found]
    return Page(items=profiles, next_cursor=cut.next_cursor)


class ListFollowers:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, username: str, page: PageRequest) -> Page[Profile]:
        return await _follow_page(
            self._uow,
            username,
            page,
            lambda uow, profile_id, p: uow.follows.followers(profile_id, p),
            lambda f: f.follower_id,
        )


class ListFollowing:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, username: str, page: PageRequest) -> Page[Profile]:
        return await _follow_page(
            self._uow,
            username,
            page,
            lambda uow, profile_id, p: uow.follows.following(profile_id, p),
            lambda f: f.followee_id,
        )
