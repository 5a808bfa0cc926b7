"""Statuses: posting (with media and Idempotency-Key), reading, deleting, favourites
and reblogs."""

from __future__ import annotations

from typing import Any

from litestar import Response, delete, get, post
from litestar.params import FromPath

from adapters.mastodon import convert
from adapters.mastodon import entities as m
from adapters.mastodon.auth import use_cases, user_id, viewer_id
from adapters.mastodon.errors import ApiError
from adapters.mastodon.idempotency import IdempotencyKeys
from adapters.mastodon.paging import cursor_page, link_header, window_of
from adapters.mastodon.requests import AnyRequest, base_url, params_of
from application.pagination import Page, PageRequest
from application.tweets.views import TweetView
from domain.errors import NotFound
from domain.profile import Profile

MAX_DESCENDANTS = 60
ONLY_PUBLIC = "Validation failed: Chirp has only public statuses (visibility must be public)"


def _keys(request: AnyRequest) -> IdempotencyKeys:
    state = request.app.state
    if "idempotency_keys" not in state:
        state.idempotency_keys = IdempotencyKeys()
    keys: IdempotencyKeys = state.idempotency_keys
    return keys


@post("/api/v1/statuses", status_code=200)
async def post_status(request: AnyRequest) -> m.Status:
    me = await user_id(request, "write:statuses")
    params = await params_of(request)
    cases, base = use_cases(request), base_url(request)
    key = request.headers.get("idempotency-key")
    if key:
        earlier = _keys(request).status_for(me, key)
        if earlier is not None:
            try:
                return convert.status(await cases.get_tweet()(earlier, me), base)
            except NotFound:
                pass
    if (params.get("visibility") or "public") != "public":
        raise ApiError(422, ONLY_PUBLIC)
    if params.get("poll[options][]") or params.many("poll[options]"):
        raise ApiError(422, "Validation failed: Chirp has no polls")
    view: TweetView = await cases.create_tweet()(
        me,
        params.get("status") or "",
        params.many("media_ids"),
        in_reply_to_id=params.get("in_reply_to_id") or None,
    )
    if key:
        _keys(request).remember(me, key, view.tweet.id)
    return convert.status(view, base)


@get("/api/v1/statuses/{status_id:str}")
async def get_status(request: AnyRequest, status_id: FromPath[str]) -> m.Status:
    viewer = await viewer_id(request, "read:statuses")
    view = await use_cases(request).get_tweet()(status_id, viewer)
    return convert.status(view, base_url(request), signed_in=viewer is not None)


@delete("/api/v1/statuses/{status_id:str}", status_code=200)
async def delete_status(request: AnyRequest, status_id: FromPath[str]) -> m.Status:
    me = await user_id(request, "write:statuses")
    cases = use_cases(request)
    view = await cases.get_tweet()(status_id, me)
    await cases.delete_tweet()(status_id, me)
    answer = convert.status(view, base_url(request))
    answer.text = view.tweet.text  # for "delete and redraft"
    return answer


@get("/api/v1/statuses/{status_id:str}/context")
async def context(request: AnyRequest, status_id: FromPath[str]) -> dict[str, list[m.Status]]:
    """Ancestors oldest first; descendants depth first in reply order, at most
    MAX_DESCENDANTS of them, as Mastodon lists a thread."""
    viewer = await viewer_id(request, "read:statuses")
    cases, base = use_cases(request), base_url(request)
    ancestors: list[TweetView] = await cases.tweet_ancestors()(status_id, viewer)
    descendants: list[TweetView] = []
    await _descend(cases, status_id, viewer, descendants)
    signed_in = viewer is not None
    return {
        "ancestors": [convert.status(v, base, signed_in=signed_in) for v in ancestors],
        "descendants": [convert.status(v, base, signed_in=signed_in) for v in descendants],
    }


async def _descend(cases: Any, tweet_id: str, viewer: str | None, into: list[TweetView]) -> None:
    if len(into) >= MAX_DESCENDANTS:
        return
    page: Page[TweetView] = await cases.tweet_replies()(
        tweet_id, PageRequest(limit=MAX_DESCENDANTS - len(into)), viewer
    )
    for reply in page.items:  # oldest answer first
        if len(into) >= MAX_DESCENDANTS:
            return
        into.append(reply)
        if reply.tweet.reply_count:
            await _descend(cases, reply.tweet.id, viewer, into)


async def _act(request: AnyRequest, status_id: str, name: str) -> m.Status:
    scope = "write:favourites" if "like" in name else "write:statuses"
    me = await user_id(request, scope)
    view = await getattr(use_cases(request), name)()(status_id, me)
    return convert.status(view, base_url(request))


@post("/api/v1/statuses/{status_id:str}/favourite", status_code=200)
async def favourite(request: AnyRequest, status_id: FromPath[str]) -> m.Status:
    return await _act(request, status_id, "like_tweet")


@post("/api/v1/statuses/{status_id:str}/unfavourite", status_code=200)
async def unfavourite(request: AnyRequest, status_id: FromPath[str]) -> m.Status:
    return await _act(request, status_id, "unlike_tweet")


@post("/api/v1/statuses/{status_id:str}/reblog", status_code=200)
async def reblog(request: AnyRequest, status_id: FromPath[str]) -> m.Status:
    """The answer is the reblog itself, a status whose id is the retweet's."""
    original = await _act(request, status_id, "retweet_tweet")
    me = await user_id(request, "write:statuses")
    cases = use_cases(request)
    profile: Profile = await cases.get_me()(me)
    newest = await cases.profile_tweets()(profile.username, PageRequest(limit=5), viewer_id=me)
    for entry in newest.items:
        if entry.retweeted_by is not None and entry.tweet.tweet.id == status_id:
            return convert.reblog_status(original, profile, entry.key, entry.at, base_url(request))
    return original


@post("/api/v1/statuses/{status_id:str}/unreblog", status_code=200)
async def unreblog(request: AnyRequest, status_id: FromPath[str]) -> m.Status:
    return await _act(request, status_id, "undo_retweet")


async def _audience(request: AnyRequest, status_id: str, name: str) -> Response[Any]:
    await viewer_id(request, "read:statuses")
    window = window_of(await params_of(request), highest=80)
    found: Page[Profile] = await getattr(use_cases(request), name)()(status_id, cursor_page(window))
    base = base_url(request)
    return Response(
        [convert.account(p, base) for p in found.items],
        headers=link_header(request, found.next_cursor, None),
    )


@get("/api/v1/statuses/{status_id:str}/favourited_by")
async def favourited_by(request: AnyRequest, status_id: FromPath[str]) -> Response[Any]:
    return await _audience(request, status_id, "tweet_likers")


@get("/api/v1/statuses/{status_id:str}/reblogged_by")
async def reblogged_by(request: AnyRequest, status_id: FromPath[str]) -> Response[Any]:
    return await _audience(request, status_id, "tweet_retweeters")


@get("/api/v1/favourites")
async def favourites(request: AnyRequest) -> Response[Any]:
    me = await user_id(request, "read:favourites")
    window = window_of(await params_of(request))
    cases = use_cases(request)
    profile: Profile = await cases.get_me()(me)
    found: Page[TweetView] = await cases.liked_tweets()(profile.username, cursor_page(window), me)
    base = base_url(request)
    return Response(
        [convert.status(v, base) for v in found.items],
        headers=link_header(request, found.next_cursor, None),
    )


ROUTES = [
    post_status,
    get_status,
    delete_status,
    context,
    favourite,
    unfavourite,
    reblog,
    unreblog,
    favourited_by,
    reblogged_by,
    favourites,
]
