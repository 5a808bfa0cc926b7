"""Search (v2): accounts, statuses and hashtags, over Chirp's search use cases."""

from __future__ import annotations

from litestar import get

from adapters.mastodon import convert
from adapters.mastodon import entities as m
from adapters.mastodon.auth import use_cases, viewer_id
from adapters.mastodon.content import ENTITY
from adapters.mastodon.paging import window_of
from adapters.mastodon.requests import AnyRequest, base_url, params_of
from adapters.mastodon.routes.accounts import find_accounts
from application.pagination import Page, PageRequest
from application.tweets.views import TweetView
from domain.errors import InvalidInput


@get("/api/v2/search")
async def search(request: AnyRequest) -> m.Search:
    viewer = await viewer_id(request, "read:search")
    params = await params_of(request)
    query = (params.get("q") or "").strip()
    kind = params.get("type")
    limit = window_of(params).limit
    base = base_url(request)
    accounts: list[m.Account] = []
    statuses: list[m.Status] = []
    hashtags: list[m.Tag] = []
    if kind in (None, "accounts"):
        accounts = await find_accounts(request, query, limit)
    if kind in (None, "statuses") and query:
        try:
            found: Page[TweetView] = await use_cases(request).search_tweets()(
                query, PageRequest(limit=limit), viewer
            )
        except InvalidInput:
            found = Page([], None)
        statuses = [convert.status(v, base, signed_in=viewer is not None) for v in found.items]
    word = query.lstrip("#")
    if kind in (None, "hashtags") and word and ENTITY.fullmatch(f"#{word}"):
        hashtags.append(convert.tag(word.casefold(), base))
    return m.Search(accounts=accounts, statuses=statuses, hashtags=hashtags)


ROUTES = [search]
