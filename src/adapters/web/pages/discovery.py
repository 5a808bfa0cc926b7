"""Search (tweets and profiles) and hashtag pages."""

from __future__ import annotations

from typing import Any

from litestar import get
from litestar.params import FromPath
from litestar.response import Template

from adapters.web.errors import messages_of
from adapters.web.rendering import page, page_request, wants_fragment
from adapters.web.session import AnyRequest, viewer_id_of
from application.pagination import PageRequest
from domain.errors import InvalidInput

PEOPLE_PREVIEW = 3


@get("/search", name="web_search")
async def search(request: AnyRequest) -> Template:
    use_cases = request.app.state.use_cases
    q = request.query_params.get("q", "").strip()
    kind = "profiles" if request.query_params.get("kind") == "profiles" else "tweets"
    context: dict[str, Any] = {
        "q": q,
        "kind": kind,
        "tweets": None,
        "people": None,
        "errors": [],
        "more_fields": {"q": q, "kind": kind},
    }
    if q:
        try:
            if kind == "profiles":
                context["people"] = await use_cases.search_profiles()(q, page_request(request))
            else:
                context["tweets"] = await use_cases.search_tweets()(
                    q, page_request(request), viewer_id_of(request)
                )
                if not wants_fragment(request) and len(q) <= 30:
                    context["preview"] = await _people_preview(request, q)
        except InvalidInput as error:
            context["errors"] = messages_of(error)
    if wants_fragment(request):
        if context["people"] is not None:
            return await page(request, "fragments/people.html", **context)
        return await page(request, "fragments/tweets.html", **context)
    return await page(request, "search.html", **context)


async def _people_preview(request: AnyRequest, q: str) -> object:
    try:
        found = await request.app.state.use_cases.search_profiles()(
            q.lstrip("@"), PageRequest(limit=PEOPLE_PREVIEW)
        )
    except InvalidInput:
        return None
    return found


@get("/hashtags/{tag:str}", name="web_hashtag")
async def hashtag(request: AnyRequest, tag: FromPath[str]) -> Template:
    tweets = await request.app.state.use_cases.hashtag_tweets()(
        tag, page_request(request), viewer_id_of(request)
    )
    template = "fragments/tweets.html" if wants_fragment(request) else "hashtag.html"
    return await page(request, template, tag=tag.casefold(), tweets=tweets)
