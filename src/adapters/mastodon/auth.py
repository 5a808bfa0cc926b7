"""Bearer tokens with scopes. A route names the scope it needs; a token without it is
refused with 403, an unknown, expired or revoked one with 401."""

from __future__ import annotations

from typing import Any

from adapters.mastodon.errors import ApiError, unauthorized
from adapters.mastodon.requests import AnyRequest
from application.oauth.grants import Grant
from domain.oauth import scopes_allow


def use_cases(request: AnyRequest) -> Any:
    return request.app.state.use_cases


def bearer(request: AnyRequest) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, secret = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise unauthorized()
    return secret.strip()


async def grant_of(request: AnyRequest, *, with_app: bool = False) -> Grant | None:
    cached = request.state.get("mastodon_grant")
    if cached is not None and (cached.app is not None or not with_app):
        return cached  # type: ignore[no-any-return]
    secret = bearer(request)
    if secret is None:
        return None
    grant: Grant = await use_cases(request).resolve_grant()(secret, with_app=with_app)
    request.state.mastodon_grant = grant
    return grant


def _check_scope(grant: Grant, scope: str) -> None:
    if not scopes_allow(grant.scopes, scope):
        raise ApiError(403, "This action is outside the authorized scopes")


async def user_id(request: AnyRequest, scope: str) -> str:
    """The signed-in person's profile id, when the token allows `scope`."""
    grant = await grant_of(request)
    if grant is None:
        raise unauthorized()
    _check_scope(grant, scope)
    if grant.profile_id is None:
        raise ApiError(422, "This method requires an authenticated user")
    return grant.profile_id


async def viewer_id(request: AnyRequest, scope: str = "read") -> str | None:
    """As `user_id` for a signed-in request; None for an anonymous one or an app token."""
    grant = await grant_of(request)
    if grant is None:
        return None
    _check_scope(grant, scope)
    return grant.profile_id
