"""A tweet's page, and what a reader does to a tweet: like, retweet, delete."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from adapters.web.pages.forms import form_of, text_field
from adapters.web.rendering import local_path, page, page_request, redirect, wants_fragment
from adapters.web.session import AnyRequest, require_session, viewer_id_of


@get("/tweets/{tweet_id:str}", name="web_tweet")
async def tweet_page(request: AnyRequest, tweet_id: FromPath[str]) -> Template:
    use_cases = request.app.state.use_cases
    viewer_id = viewer_id_of(request)
    replies = await use_cases.tweet_replies()(tweet_id, page_request(request), viewer_id)
    if wants_fragment(request):
        return await page(request, "fragments/tweets.html", tweets=replies)
    view = await use_cases.get_tweet()(tweet_id, viewer_id)
    ancestors = await use_cases.tweet_ancestors()(tweet_id, viewer_id)
    return await page(request, "tweet.html", view=view, ancestors=ancestors, tweets=replies)


async def _act(
    request: AnyRequest, tweet_id: str, act: Callable[[str, str], Awaitable[Any]]
) -> Template | Redirect:
    form = await form_of(request)
    view = await act(tweet_id, request.state.web_viewer_id)
    back = local_path(text_field(form, "next"), f"/tweets/{tweet_id}")
    if wants_fragment(request):
        return await page(request, "fragments/actions.html", view=view, next_path=back)
    return redirect(request, back)


@post("/tweets/{tweet_id:str}/like", name="web_like", guards=[require_session])
async def like(request: AnyRequest, tweet_id: FromPath[str]) -> Template | Redirect:
    return await _act(request, tweet_id, request.app.state.use_cases.like_tweet())


@post("/tweets/{tweet_id:str}/unlike", name="web_unlike", guards=[require_session])
async def unlike(request: AnyRequest, tweet_id: FromPath[str]) -> Template | Redirect:
    return await _act(request, tweet_id, request.app.state.use_cases.unlike_tweet())


@post("/tweets/{tweet_id:str}/retweet", name="web_retweet", guards=[require_session])
async def retweet(request: AnyRequest, tweet_id: FromPath[str]) -> Template | Redirect:
    return await _act(request, tweet_id, request.app.state.use_cases.retweet_tweet())


@post("/tweets/{tweet_id:str}/unretweet", name="web_unretweet", guards=[require_session])
async def unretweet(request: AnyRequest, tweet_id: FromPath[str]) -> Template | Redirect:
    return await _act(request, tweet_id, request.app.state.use_cases.undo_retweet())


@post("/tweets/{tweet_id:str}/delete", name="web_delete", guards=[require_session])
async def delete(request: AnyRequest, tweet_id: FromPath[str]) -> Redirect:
    form = await form_of(request)
    await request.app.state.use_cases.delete_tweet()(tweet_id, request.state.web_viewer_id)
    back = local_path(text_field(form, "next"))
    return redirect(request, "/" if back.startswith(f"/tweets/{tweet_id}") else back)
