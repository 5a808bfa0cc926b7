"""Rendering pages: the Jinja2 environment (autoescape on for every template), the
context every page shares, and redirects that keep the cookies right."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect, Template
from litestar.template import TemplateConfig

from adapters.web.session import AnyRequest, csrf_token_of, finish_cookies, viewer_id_of
from adapters.web.text import linked_text
from application.pagination import MAX_LIMIT, PageRequest
from domain.errors import InvalidInput
from domain.media import MAX_MEDIA_PER_TWEET
from domain.tweet import MAX_TWEET_LENGTH

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
FRAGMENT_HEADER = "x-chirp-fragment"
PAGE_SIZE = 20


def media_url(storage_key: str) -> str:
    return f"/media/{storage_key}"


def short_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%d %b %Y, %H:%M")


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    env.filters["linked"] = linked_text
    env.filters["media_url"] = media_url
    env.filters["short_date"] = short_date
    env.globals["MAX_TWEET_LENGTH"] = MAX_TWEET_LENGTH
    env.globals["MAX_MEDIA_PER_TWEET"] = MAX_MEDIA_PER_TWEET
    return env


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(environment()))


def wants_fragment(request: AnyRequest) -> bool:
    """The page's own script asks for just the changed part, to swap it in place."""
    return request.headers.get(FRAGMENT_HEADER) == "1"


def base_context(request: AnyRequest) -> dict[str, Any]:
    return {
        "viewer": request.state.get("web_viewer"),
        "csrf": csrf_token_of(request),
        "path": request.url.path,
        "unread": request.state.get("web_unread", 0),
    }


async def page(
    request: AnyRequest, template: str, *, status: int = 200, **context: Any
) -> Template:
    viewer_id = viewer_id_of(request)
    if viewer_id is not None and not wants_fragment(request):
        count_unread = request.app.state.use_cases.count_unread_notifications()
        request.state.web_unread = await count_unread(viewer_id)
    response = Template(
        template_name=template,
        context={**base_context(request), **context},
        status_code=status,
    )
    finish_cookies(request, response)
    return response


def redirect(request: AnyRequest, to: str) -> Redirect:
    response = Redirect(path=to, status_code=303)
    finish_cookies(request, response)
    return response


def local_path(value: Any, fallback: str = "/") -> str:
    """Only a path on this site: never `//host` or `https://host`, so no open redirect."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return fallback
    if "\\" in value or any(ord(c) < 32 for c in value):
        return fallback
    return value


def page_request(request: AnyRequest, limit: int = PAGE_SIZE) -> PageRequest:
    cursor = request.query_params.get("cursor") or None
    try:
        return PageRequest.parse(min(limit, MAX_LIMIT), cursor)
    except InvalidInput:
        return PageRequest.parse(limit, None)
