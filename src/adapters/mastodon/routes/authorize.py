"""The OAuth authorization page: the person logs in and lets the app act for them.

Server-rendered, every text escaped. CSRF is refused with a double-submit token: a
random value in a SameSite=Strict cookie and in the form, which must match, so another
site cannot post the form in the person's name. The page may not be framed."""

from __future__ import annotations

import hmac
import secrets
from html import escape
from typing import Any
from urllib.parse import urlencode

from litestar import MediaType, Response, get, post
from litestar.datastructures import Cookie

from adapters.mastodon.auth import use_cases
from adapters.mastodon.requests import AnyRequest, Params, params_of
from application.oauth.grants import AuthorizationRequest
from domain.errors import AuthenticationFailed, TooManyAttempts
from domain.oauth import OUT_OF_BAND, OAuthApp, OAuthError

CSRF_COOKIE = "chirp_oauth_csrf"
FORWARDED = (
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
    "response_type",
)
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}"
    "label{display:block;margin-top:1rem}input{width:100%;padding:.4rem;font-size:1rem}"
    "button{margin-top:1.2rem;padding:.5rem 1rem;font-size:1rem}.error{color:#a00}"
    "code{font-size:1.3rem;word-break:break-all}"
)


def _page(title: str, body: str, status: int = 200, cookie: Cookie | None = None) -> Response[str]:
    document = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )
    return Response(
        document,
        status_code=status,
        media_type=MediaType.HTML,
        headers=PAGE_HEADERS,
        cookies=[cookie] if cookie else None,
    )


def _form(app: OAuthApp, params: Params, csrf: str, error: str | None = None) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{escape(params.get(name) or "")}">'
        for name in FORWARDED
    )
    scopes = (params.get("scope") or " ".join(sorted(app.scopes))).replace("+", " ").split()
    listed = "".join(f"<li>{escape(scope)}</li>" for scope in scopes)
    problem = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return (
        f"<p><strong>{escape(app.name)}</strong> asks to use your Chirp account with "
        f"these permissions:</p><ul>{listed}</ul>{problem}"
        f'<form method="post" action="/oauth/authorize">{hidden}'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">'
        f'<label for="username">Username</label>'
        f'<input id="username" name="username" autocomplete="username" required>'
        f'<label for="password">Password</label>'
        f'<input id="password" name="password" type="password" '
        f'autocomplete="current-password" required>'
        f'<button type="submit" name="decision" value="allow">Authorize</button> '
        f'<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>'
        f"</form>"
    )


def _csrf_cookie(value: str) -> Cookie:
    return Cookie(
        key=CSRF_COOKIE,
        value=value,
        path="/oauth",
        httponly=True,
        samesite="strict",
        max_age=3600,
    )


async def _app_of(request: AnyRequest, params: Params) -> OAuthApp:
    if (params.get("response_type") or "code") != "code":
        raise OAuthError("unsupported_response_type", "only response_type=code is supported")
    found: OAuthApp = await use_cases(request).find_client()(
        params.get("client_id") or "", params.get("redirect_uri") or "", params.get("scope")
    )
    return found


def _refusal(error: OAuthError) -> Response[str]:
    return _page(
        "Authorization refused",
        f'<p class="error" role="alert">{escape(error.description)}</p>',
        status=400,
    )


@get("/oauth/authorize")
async def authorize_page(request: AnyRequest) -> Response[str]:
    params = await params_of(request)
    try:
        app = await _app_of(request, params)
    except OAuthError as error:
        return _refusal(error)
    csrf = secrets.token_urlsafe(32)
    return _page("Authorize access", _form(app, params, csrf), cookie=_csrf_cookie(csrf))


def _redirect(uri: str, values: dict[str, str]) -> Response[Any]:
    separator = "&" if "?" in uri else "?"
    location = f"{uri}{separator}{urlencode(values)}"
    return Response("", status_code=302, headers={**PAGE_HEADERS, "Location": location})


@post("/oauth/authorize", status_code=200)
async def authorize(request: AnyRequest) -> Response[Any]:
    params = await params_of(request)
    try:
        app = await _app_of(request, params)
    except OAuthError as error:
        return _refusal(error)
    sent, kept = params.get("csrf_token") or "", request.cookies.get(CSRF_COOKIE) or ""
    if not sent or not kept or not hmac.compare_digest(sent, kept):
        return _page(
            "Authorization refused",
            '<p class="error" role="alert">The form expired or did not come from this '
            "site. Go back and try again.</p>",
            status=403,
        )
    redirect_uri, state = params.get("redirect_uri") or "", params.get("state")
    echoed = {"state": state} if state else {}
    if params.get("decision") == "deny":
        if redirect_uri == OUT_OF_BAND:
            return _page("Access denied", "<p>You did not authorize the app.</p>")
        return _redirect(redirect_uri, {"error": "access_denied", **echoed})
    fresh = secrets.token_urlsafe(32)
    try:
        code = await use_cases(request).authorize_client()(
            AuthorizationRequest(
                client_id=params.get("client_id") or "",
                redirect_uri=redirect_uri,
                scopes=params.get("scope"),
                code_challenge=params.get("code_challenge"),
                code_challenge_method=params.get("code_challenge_method"),
            ),
            params.get("username") or "",
            params.get("password") or "",
        )
    except (AuthenticationFailed, TooManyAttempts) as error:
        message = (
            "Wrong username or password."
            if isinstance(error, AuthenticationFailed)
            else "Too many attempts; try again later."
        )
        status = 401 if isinstance(error, AuthenticationFailed) else 429
        return _page(
            "Authorize access", _form(app, params, fresh, message), status, _csrf_cookie(fresh)
        )
    except OAuthError as error:
        return _refusal(error)
    if redirect_uri == OUT_OF_BAND:
        return _page(
            "Authorization code",
            "<p>Copy this code into the app:</p>"
            f'<p><code id="authorization-code">{escape(code)}</code></p>',
        )
    return _redirect(redirect_uri, {"code": code, **echoed})


ROUTES = [authorize_page, authorize]
