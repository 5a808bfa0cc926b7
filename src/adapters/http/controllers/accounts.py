from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from adapters.http.auth import (
    BEARER_SECURITY,
    SIGNED_IN_ONLY,
    provide_token,
    provide_user_id,
)
from adapters.http.schemas.accounts import (
    LoginIn,
    MeOut,
    PasswordChangeIn,
    ProfilePatchIn,
    SignupIn,
    TokenOut,
    me_out,
)
from adapters.http.services import use_case
from application.accounts.login import LogIn
from application.accounts.me import ChangePassword, EditProfile, GetMe, ProfileEdit
from application.accounts.sessions import LogOut
from application.accounts.signup import SignUp, SignupInput


class AuthController(Controller):
    path = "/api/v1/auth"
    tags = ["auth"]

    @post(
        "/signup",
        operation_id="signUp",
        summary="Create an account",
        status_code=HTTP_201_CREATED,
        dependencies={"sign_up": use_case("sign_up")},
    )
    async def sign_up(self, data: JSONBody[SignupIn], sign_up: NamedDependency[SignUp]) -> MeOut:
        profile = await sign_up(
            SignupInput(
                username=data.username,
                email=data.email,
                password=data.password,
                display_name=data.display_name,
            )
        )
        return me_out(profile)

    @post(
        "/login",
        operation_id="logIn",
        summary="Exchange a username (or email) and password for a bearer token",
        status_code=HTTP_200_OK,
        dependencies={"log_in": use_case("log_in")},
    )
    async def log_in(self, data: JSONBody[LoginIn], log_in: NamedDependency[LogIn]) -> TokenOut:
        issued = await log_in(data.username, data.password)
        return TokenOut(access_token=issued.secret, expires_at=issued.expires_at)

    @post(
        "/logout",
        operation_id="logOut",
        summary="Revoke the token this request carries",
        status_code=HTTP_204_NO_CONTENT,
        opt=SIGNED_IN_ONLY,
        security=BEARER_SECURITY,
        dependencies={
            "log_out": use_case("log_out"),
            "token": Provide(provide_token, sync_to_thread=False),
        },
    )
    async def log_out(self, log_out: NamedDependency[LogOut], token: NamedDependency[str]) -> None:
        await log_out(token)


class MeController(Controller):
    path = "/api/v1/me"
    tags = ["me"]
    opt = SIGNED_IN_ONLY
    security = BEARER_SECURITY
    dependencies = {"user_id": Provide(provide_user_id, sync_to_thread=False)}

    @get(
        operation_id="getMe",
        summary="Your own profile, with your email",
        dependencies={"get_me": use_case("get_me")},
    )
    async def get_me(self, user_id: NamedDependency[str], get_me: NamedDependency[GetMe]) -> MeOut:
        return me_out(await get_me(user_id))

    @patch(
        operation_id="editMe",
        summary="Change your username, display name, bio or email",
        dependencies={"edit_profile": use_case("edit_profile")},
    )
    async def edit_me(
        self,
        data: JSONBody[ProfilePatchIn],
        user_id: NamedDependency[str],
        edit_profile: NamedDependency[EditProfile],
    ) -> MeOut:
        edit = ProfileEdit(
            **{k: v for k, v in _set_fields(data).items() if k in ProfileEdit.__dataclass_fields__}
        )
        return me_out(await edit_profile(user_id, edit))

    @post(
        "/password",
        operation_id="changePassword",
        summary="Change your password; every other session of yours ends",
        status_code=HTTP_204_NO_CONTENT,
        dependencies={
            "change_password": use_case("change_password"),
            "token": Provide(provide_token, sync_to_thread=False),
        },
    )
    async def change_password(
        self,
        data: JSONBody[PasswordChangeIn],
        user_id: NamedDependency[str],
        token: NamedDependency[str],
        change_password: NamedDependency[ChangePassword],
    ) -> None:
        await change_password(user_id, token, data.current_password, data.new_password)


def _set_fields(data: Any) -> dict[str, Any]:
    return {
        name: value
        for name, value in msgspec.structs.asdict(data).items()
        if value is not msgspec.UNSET
    }
