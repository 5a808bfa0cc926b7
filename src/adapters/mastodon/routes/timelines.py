"""Timelines, newest first, paged by status ids through the Link header."""

from __future__ import annotations

from typing import Any

from litestar import Response, get
from litestar.params import FromPath

from adapters.mastodon import convert
from adapters.mastodon.auth import use_cases, user_id, viewer_id
from adapters.mastodon.paging import Window, id_page, link_header, newer_only, window_of
from adapters.mastodon.requests import AnyRequest, base_url, params_of
from adapters.mastodon.routes.statuses_lookup import tweet_moment
from application.pagination import Page
from application.tweets.views import EntryView, TweetView


def entries_response(
    request: AnyRequest, found: Page[EntryView], window: Window, *, signed_in: bool
) -> Response[Any]:
    entries: list[EntryView] = newer_only(found.items, [e.key for e in found.items], window)  # type: ignore[assignment]
    base = base_url(request)
    statuses = [convert.entry_status(e, base, signed_in=signed_in) for e in entries]
    older = statuses[-1].id if statuses and found.next_cursor else None
    newer = statuses[0].id if statuses else window.newer_than
    return Response(statuses, headers=link_header(request, older, newer))


@get("/api/v1/timelines/home")
async def home(request: AnyRequest) -> Response[Any]:
    me = await user_id(request, "read:statuses")
    window = window_of(await params_of(request))
    page = await id_page(window, lambda i: tweet_moment(request, i))
    found = await use_cases(request).home_timeline()(me, page)
    return entries_response(request, found, window, signed_in=True)


def tweets_response(
    request: AnyRequest, found: Page[TweetView], window: Window, *, signed_in: bool
) -> Response[Any]:
    views: list[TweetView] = newer_only(found.items, [v.tweet.id for v in found.items], window)  # type: ignore[assignment]
    base = base_url(request)
    statuses = [convert.status(v, base, signed_in=signed_in) for v in views]
    older = statuses[-1].id if statuses and found.next_cursor else None
    newer = statuses[0].id if statuses else window.newer_than
    return Response(statuses, headers=link_header(request, older, newer))


@get("/api/v1/timelines/public")
async def public(request: AnyRequest) -> Response[Any]:
    """Every status is local on Chirp: `local` and `remote` change nothing but `remote`,
    which finds none."""
    viewer = await viewer_id(request, "read:statuses")
    params = await params_of(request)
    window = window_of(params)
    if params.flag("remote"):
        return Response([])
    page = await id_page(window, lambda i: tweet_moment(request, i))
    found = await use_cases(request).public_timeline()(page, viewer)
    if params.flag("only_media"):
        found = Page([v for v in found.items if v.media], found.next_cursor)
    return tweets_response(request, found, window, signed_in=viewer is not None)


@get("/api/v1/timelines/tag/{hashtag:str}")
async def tag(request: AnyRequest, hashtag: FromPath[str]) -> Response[Any]:
    viewer = await viewer_id(request, "read:statuses")
    window = window_of(await params_of(request))
    page = await id_page(window, lambda i: tweet_moment(request, i))
    found = await use_cases(request).hashtag_tweets()(hashtag, page, viewer)
    return tweets_response(request, found, window, signed_in=viewer is not None)


ROUTES = [home, public, tag]
