"""Signing up, logging in and out, and editing your profile."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template

from adapters.web.errors import messages_of, status_of
from adapters.web.pages.forms import ONE_IMAGE_BODY, files_in, form_of, read_image, text_field
from adapters.web.rendering import local_path, page, redirect
from adapters.web.session import (
    AnyRequest,
    expired_session_cookie,
    require_session,
    rotate_csrf,
    session_cookie,
    session_secret_of,
)
from application.accounts.me import ProfileEdit
from application.accounts.signup import SignupInput
from domain.errors import AuthenticationFailed, Conflict, DomainError, InvalidInput


def _use_cases(request: AnyRequest) -> Any:
    return request.app.state.use_cases


@get("/signup", name="web_signup_form")
async def signup_form(request: AnyRequest) -> Template | Redirect:
    if request.state.get("web_viewer_id"):
        return redirect(request, "/")
    return await page(request, "signup.html", values={}, errors=[])


async def _start_session(request: AnyRequest, login: str, password: str, to: str) -> Redirect:
    issued = await _use_cases(request).log_in()(login, password)
    # The cookie lasts as long as the token it holds; the server still checks the token.
    max_age = max(1, int((issued.expires_at - datetime.now(UTC)).total_seconds()))
    rotate_csrf(request)
    response = redirect(request, to)
    response.set_cookie(session_cookie(request, issued.secret, max_age))
    return response


@post("/signup", name="web_signup")
async def signup(request: AnyRequest) -> Template | Redirect:
    form = await form_of(request)
    values = {name: text_field(form, name) for name in ("username", "email", "display_name")}
    password = text_field(form, "password")
    try:
        await _use_cases(request).sign_up()(
            SignupInput(
                username=values["username"],
                email=values["email"],
                password=password,
                display_name=values["display_name"] or None,
            )
        )
    except (InvalidInput, Conflict) as error:
        return await page(
            request,
            "signup.html",
            status=status_of(error),
            values=values,
            errors=messages_of(error),
        )
    return await _start_session(request, values["username"], password, "/")


@get("/login", name="web_login_form")
async def login_form(request: AnyRequest) -> Template | Redirect:
    to = local_path(request.query_params.get("next"))
    if request.state.get("web_viewer_id"):
        return redirect(request, to)
    return await page(request, "login.html", values={}, errors=[], next=to)


@post("/login", name="web_login")
async def login(request: AnyRequest) -> Template | Redirect:
    form = await form_of(request)
    username = text_field(form, "username")
    to = local_path(text_field(form, "next"))
    try:
        return await _start_session(request, username, text_field(form, "password"), to)
    except AuthenticationFailed:
        errors = ["Wrong username or password."]
        status = 401
    except DomainError as error:
        errors, status = messages_of(error), status_of(error)
    return await page(
        request, "login.html", status=status, values={"username": username}, errors=errors, next=to
    )


@post("/logout", name="web_logout")
async def logout(request: AnyRequest) -> Redirect:
    secret = session_secret_of(request)
    if secret:
        await _use_cases(request).log_out()(secret)
    rotate_csrf(request)
    response = redirect(request, "/login")
    response.set_cookie(expired_session_cookie(request))
    return response


@get("/settings/profile", name="web_edit_profile_form", guards=[require_session])
async def edit_profile_form(request: AnyRequest) -> Template:
    me = request.state.web_viewer
    values = {"display_name": me.display_name, "bio": me.bio}
    return await page(request, "edit_profile.html", values=values, errors=[])


@post("/settings/profile", name="web_edit_profile", guards=[require_session])
async def edit_profile(request: AnyRequest) -> Template | Redirect:
    form = await form_of(request)
    values = {"display_name": text_field(form, "display_name"), "bio": text_field(form, "bio")}
    me = request.state.web_viewer
    try:
        await _use_cases(request).edit_profile()(
            me.id, ProfileEdit(display_name=values["display_name"], bio=values["bio"])
        )
    except (InvalidInput, Conflict) as error:
        return await page(
            request,
            "edit_profile.html",
            status=status_of(error),
            values=values,
            errors=messages_of(error),
        )
    return redirect(request, f"/profiles/{me.username}")


@post(
    "/settings/picture",
    name="web_set_picture",
    guards=[require_session],
    request_max_body_size=ONE_IMAGE_BODY,
)
async def set_picture(request: AnyRequest) -> Template | Redirect:
    form = await form_of(request)
    me = request.state.web_viewer
    values = {"display_name": me.display_name, "bio": me.bio}
    chosen = files_in(form, "picture")
    try:
        if not chosen:
            raise InvalidInput.of("picture", "choose an image first")
        data = await read_image(chosen[0])
        await _use_cases(request).set_profile_picture()(me.id, data)
    except DomainError as error:
        return await page(
            request,
            "edit_profile.html",
            status=status_of(error),
            values=values,
            errors=messages_of(error),
        )
    return redirect(request, f"/profiles/{me.username}")
