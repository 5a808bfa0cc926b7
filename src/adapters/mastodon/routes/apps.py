"""OAuth clients: registering an app, and the token endpoints (RFC 6749, 7009)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from litestar import get, post

from adapters.mastodon import entities as m
from adapters.mastodon.auth import grant_of, use_cases
from adapters.mastodon.errors import ApiError, unauthorized
from adapters.mastodon.requests import AnyRequest, Params, params_of
from application.oauth.grants import ScopedToken
from domain.oauth import OAuthApp, OAuthError


def app_out(app: OAuthApp, client_secret: str | None = None) -> m.AppOut:
    out = m.AppOut(
        id=app.id,
        name=app.name,
        website=app.website,
        scopes=sorted(app.scopes),
        redirect_uri="\n".join(app.redirect_uris),
        redirect_uris=list(app.redirect_uris),
    )
    if client_secret is not None:
        out.client_id = app.client_id
        out.client_secret = client_secret
        out.client_secret_expires_at = 0
    return out


@post("/api/v1/apps", status_code=200)
async def create_app(request: AnyRequest) -> m.AppOut:
    params = await params_of(request)
    redirect = params.many("redirect_uris")
    registered = await use_cases(request).register_app()(
        params.get("client_name") or "",
        " ".join(redirect) or "",
        params.get("scopes"),
        params.get("website"),
    )
    return app_out(registered.app, registered.client_secret)


@get("/api/v1/apps/verify_credentials")
async def verify_app(request: AnyRequest) -> m.AppOut:
    grant = await grant_of(request, with_app=True)
    if grant is None:
        raise unauthorized()
    if grant.app is None:  # one of Chirp's own tokens
        return m.AppOut(
            id="chirp",
            name="Chirp",
            website=None,
            scopes=["read", "write", "follow"],
            redirect_uri="",
            redirect_uris=[],
        )
    return app_out(grant.app)


def _client_credentials(request: AnyRequest, params: Params) -> tuple[str, str | None]:
    """client_secret_post, or client_secret_basic in the Authorization header."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip()).decode()
        except (binascii.Error, UnicodeDecodeError):
            raise OAuthError("invalid_client", "client authentication failed") from None
        client_id, _, secret = decoded.partition(":")
        return client_id, secret
    return params.get("client_id") or "", params.get("client_secret")


def token_out(token: ScopedToken) -> m.Token:
    return m.Token(
        access_token=token.secret,
        token_type="Bearer",
        scope=" ".join(sorted(token.scopes)),
        created_at=int(token.created_at.timestamp()),
    )


def _required(params: Params, name: str) -> str:
    value = params.get(name)
    if not value:
        raise OAuthError("invalid_request", f"{name} is required")
    return value


@post("/oauth/token", status_code=200)
async def token(request: AnyRequest) -> m.Token:
    params = await params_of(request)
    client_id, client_secret = _client_credentials(request, params)
    kind = params.get("grant_type")
    cases = use_cases(request)
    scope = params.get("scope") or params.get("scopes")
    if kind == "password":
        issued = await cases.password_grant()(
            client_id,
            client_secret or "",
            _required(params, "username"),
            _required(params, "password"),
            scope,
        )
    elif kind == "authorization_code":
        issued = await cases.redeem_authorization_code()(
            client_id,
            client_secret,
            _required(params, "code"),
            _required(params, "redirect_uri"),
            params.get("code_verifier"),
        )
    elif kind == "client_credentials":
        issued = await cases.client_credentials_grant()(client_id, client_secret or "", scope)
    else:
        raise OAuthError("unsupported_grant_type", "grant_type is not supported")
    return token_out(issued)


@post("/oauth/revoke", status_code=200)
async def revoke(request: AnyRequest) -> dict[str, Any]:
    params = await params_of(request)
    client_id, client_secret = _client_credentials(request, params)
    secret = params.get("token")
    if not secret:
        raise ApiError(400, "token is required")
    await use_cases(request).revoke_token()(client_id, client_secret or "", secret)
    return {}


ROUTES = [create_app, verify_app, token, revoke]
