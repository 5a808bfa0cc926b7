"""Search (v2): accounts, statuses and hashtags."""

from __future__ import annotations

from litestar import get

from adapters.mastodon import convert
from adapters.mastodon import entities as m
from adapters.mastodon.auth import use_cases, viewer_id
from adapters.mastodon.content import ENTITY
from adapters.mastodon.requests import AnyRequest, base_url, params_of
from domain.errors import NotFound


@get("/api/v2/search")
async def search(request: AnyRequest) -> m.Search:
    """Until Chirp's full-text search lands, an account is found by its exact username
    and a hashtag query answers that hashtag."""
    await viewer_id(request, "read:search")
    params = await params_of(request)
    query = (params.get("q") or "").strip()
    kind = params.get("type")
    base = base_url(request)
    accounts: list[m.Account] = []
    hashtags: list[m.Tag] = []
    name = query.lstrip("@").partition("@")[0]
    if kind in (None, "accounts") and name:
        try:
            view = await use_cases(request).get_profile()(name)
            accounts.append(convert.account(view.profile, base))
        except NotFound:
            pass
    word = query.lstrip("#")
    if kind in (None, "hashtags") and word and ENTITY.fullmatch(f"#{word}"):
        hashtags.append(convert.tag(word.casefold(), base))
    return m.Search(accounts=accounts, statuses=[], hashtags=hashtags)


ROUTES = [search]
