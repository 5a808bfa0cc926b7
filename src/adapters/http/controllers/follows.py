"""Following profiles, and the lists of who follows whom."""

from __future__ import annotations

from litestar import Controller, delete, get, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.status_codes import HTTP_200_OK

from adapters.http.auth import BEARER_SECURITY, SIGNED_IN_ONLY, provide_user_id
from adapters.http.paging import PAGE
from adapters.http.schemas.accounts import ProfileOut, ProfileSummaryOut, profile_out, summary_out
from adapters.http.schemas.pages import PageOut, page_out
from adapters.http.services import use_case
from application.follows.follow import FollowProfile, UnfollowProfile
from application.follows.lists import ListFollowers, ListFollowing
from application.pagination import PageRequest


class FollowsController(Controller):
    path = "/api/v1/profiles/{username:str}"
    tags = ["profiles"]

    @put(
        "/follow",
        operation_id="followProfile",
        summary="Follow a profile (idempotent)",
        status_code=HTTP_200_OK,
        opt=SIGNED_IN_ONLY,
        security=BEARER_SECURITY,
        dependencies={
            "user_id": Provide(provide_user_id, sync_to_thread=False),
            "follow_profile": use_case("follow_profile"),
        },
    )
    async def follow(
        self,
        username: FromPath[str],
        user_id: NamedDependency[str],
        follow_profile: NamedDependency[FollowProfile],
    ) -> ProfileOut:
        return profile_out(await follow_profile(user_id, username))

    @delete(
        "/follow",
        operation_id="unfollowProfile",
        summary="Stop following a profile (idempotent)",
        status_code=HTTP_200_OK,
        opt=SIGNED_IN_ONLY,
        security=BEARER_SECURITY,
        dependencies={
            "user_id": Provide(provide_user_id, sync_to_thread=False),
            "unfollow_profile": use_case("unfollow_profile"),
        },
    )
    async def unfollow(
        self,
        username: FromPath[str],
        user_id: NamedDependency[str],
        unfollow_profile: NamedDependency[UnfollowProfile],
    ) -> ProfileOut:
        return profile_out(await unfollow_profile(user_id, username))

    @get(
        "/followers",
        operation_id="listFollowers",
        summary="Who follows the profile, newest follow first",
        dependencies={"page": PAGE, "list_followers": use_case("list_followers")},
    )
    async def followers(
        self,
        username: FromPath[str],
        page: NamedDependency[PageRequest],
        list_followers: NamedDependency[ListFollowers],
    ) -> PageOut[ProfileSummaryOut]:
        return page_out(await list_followers(username, page), summary_out)

    @get(
        "/following",
        operation_id="listFollowing",
        summary="Whom the profile follows, newest follow first",
        dependencies={"page": PAGE, "list_following": use_case("list_following")},
    )
    async def following(
        self,
        username: FromPath[str],
        page: NamedDependency[PageRequest],
        list_following: NamedDependency[ListFollowing],
    ) -> PageOut[ProfileSummaryOut]:
        return page_out(await list_following(username, page), summary_out)
