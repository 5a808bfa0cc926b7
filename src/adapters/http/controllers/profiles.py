from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath

from adapters.http.auth import provide_viewer_id
from adapters.http.schemas.accounts import ProfileOut, profile_out
from adapters.http.services import use_case
from application.accounts.get_profile import GetProfile


class ProfilesController(Controller):
    path = "/api/v1/profiles"
    tags = ["profiles"]
    dependencies = {"viewer_id": Provide(provide_viewer_id, sync_to_thread=False)}

    @get(
        "/{username:str}",
        operation_id="getProfile",
        summary="A profile, by username in any case",
        dependencies={"get_profile": use_case("get_profile")},
    )
    async def get_profile(
        self,
        username: FromPath[str],
        viewer_id: NamedDependency[str | None],
        get_profile: NamedDependency[GetProfile],
    ) -> ProfileOut:
        return profile_out(await get_profile(username, viewer_id))
